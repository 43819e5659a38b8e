package dev.crossdeploy.it.catalogue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One catalogue case's service, written fresh: a POM that declares the plugin with the stages of
 * {@code src/it/cloud.yaml} (any of which a case may replace), a template, and, for the artifact
 * cases, a packaged artifact and its {@code target/crossdeploy/artifact.json} as the package goal
 * writes them.
 */
final class CaseProject {
    static final String STAGING = stage("staging", "222222222222", "");
    static final String QA = stage("qa", "333333333333", "");
    static final String PROD = stage("prod", "444444444444", "<protected>true</protected>");
    static final String SANDBOX = stage("sandbox", "555555555555", "");

    /** The shared greeting stack: one SSM parameter named after the stage. */
    static final String GREETING = """
            Parameters:
              Stage:
                Type: String
            Resources:
              Greeting:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Name: !Sub /${Stage}/greeting
                  Value: hello
            """;

    /** A function whose code is the uploaded artifact. */
    static final String FUNCTION = """
            Parameters:
              ArtifactBucket: {Type: String}
              ArtifactKey: {Type: String}
            Resources:
              FunctionRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Handler: example.Hello::handleRequest
                  Role: !GetAtt FunctionRole.Arn
                  Code: {S3Bucket: !Ref ArtifactBucket, S3Key: !Ref ArtifactKey}
            """;

    private final Path dir;
    private final String version;
    private String stages = STAGING + QA + PROD + SANDBOX;
    private String pluginConfiguration = "";

    CaseProject(Path dir, String pluginVersion) {
        this.dir = dir;
        this.version = pluginVersion;
    }

    static String stage(String name, String account, String extra) {
        return "<stage><name>" + name + "</name><accountId>" + account + "</accountId><region>us-east-1</region>"
                + extra + "</stage>\n";
    }

    Path dir() { return dir; }

    /** Replaces the POM's stages. */
    CaseProject stages(String... stageXml) {
        stages = String.join("", stageXml);
        return this;
    }

    /** More of the plugin's {@code <configuration>}, beside the stages. */
    CaseProject configuration(String xml) {
        pluginConfiguration = xml;
        return this;
    }

    CaseProject template(String yaml) {
        return file("src/main/cloudformation/template.yaml", yaml);
    }

    CaseProject file(String relative, String text) {
        return file(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    CaseProject file(String relative, byte[] bytes) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code target/<artifactId>-1.0-lambda.zip} with these bytes, recorded with {@code sha256} (null: theirs). */
    CaseProject artifact(byte[] zip, String sha256) {
        String name = dir.getFileName() + "-1.0-lambda.zip";
        file("target/" + name, zip);
        String recorded = sha256 == null ? sha256(zip) : sha256;
        return file("target/crossdeploy/artifact.json", """
                {"file": "../%s", "sha256": "%s", "size": %d, "template": "../../src/main/cloudformation/template.yaml",
                 "groupId": "dev.crossdeploy.catalogue", "artifactId": "%s", "version": "1.0"}
                """.formatted(name, recorded, zip.length, dir.getFileName()));
    }

    /** The POM, written last so that every setter above is in it. */
    void writePom() {
        file("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.crossdeploy.catalogue</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.crossdeploy</groupId>
                        <artifactId>crossdeploy-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <stages>
                %s          </stages>
                %s
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(dir.getFileName(), version, stages, pluginConfiguration));
    }

    /** A zip of these entries. */
    static byte[] zip(Map<String, byte[]> entries) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (var e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
