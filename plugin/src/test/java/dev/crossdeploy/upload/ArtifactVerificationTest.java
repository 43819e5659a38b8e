package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.artifact.ZipDigest;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.RequestLog;
import dev.crossdeploy.testing.TestZips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** upload-to-account refuses an artifact that is not the one packaged, not a zip, or lacks its handler, and writes nothing. */
class ArtifactVerificationTest {
    static final String FUNCTION_TEMPLATE = """
            Resources:
              OrdersFunction:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Handler: com.example.orders.OrdersHandler::handleRequest
                  Role: arn:aws:iam::333333333333:role/orders
                  Code: {S3Bucket: b, S3Key: k}
            """;

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path target;

    DeploymentAccount qa;
    final RecordingReporter reporter = new RecordingReporter();

    @BeforeEach
    void account() {
        qa = cloud.seed("qa").apply();
        RequestLog.clear();
    }

    Path zip() { return target.resolve("orders-1.0-lambda.zip"); }

    void manifest(String template, String sha256) throws IOException {
        Path t = target.resolve("template.yaml");
        Files.writeString(t, template);
        new ArtifactManifest(zip(), sha256 == null ? Sha256.hexOf(zip()) : sha256, Files.size(zip()), t,
                "com.example", "orders", "1.0").write(ArtifactManifest.locationIn(target));
    }

    UploadResult upload() {
        Stage stage = cloud.stage("qa", qa);
        return UploadToAccount.run(stage, cloud.pipelineSettings(), "crossdeploy-qa", target, UploadOptions.DEFAULTS, reporter, null);
    }

    void refused(String line) {
        assertThatThrownBy(this::upload).isInstanceOf(CrossdeployException.class).hasMessage(line);
        assertThat(RequestLog.calls("S3")).as("S3 calls").isEmpty();
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(qa.artifactBucket())).contents()).isEmpty();
        }
    }

    @Test
    void anArtifactChangedAfterPackagingIsRefused() throws IOException {
        TestZips.of(zip(), Map.of("com/example/orders/OrdersHandler.class", new byte[] {1}));
        manifest(FUNCTION_TEMPLATE, null);
        String packaged = Sha256.hexOf(zip());
        TestZips.of(zip(), Map.of("com/example/orders/OrdersHandler.class", new byte[] {2}));

        refused("Artifact " + zip() + " has SHA-256 " + Sha256.hexOf(zip()) + ", but artifact.json records " + packaged
                + ": it changed after packaging; run the package goal again (mvn package crossdeploy:package).");
    }

    /** What package writes: the manifest carries the zip's CRC32C, which the check reads instead of hashing. */
    void packagedManifest() throws IOException {
        Path t = target.resolve("template.yaml");
        Files.writeString(t, FUNCTION_TEMPLATE);
        ZipDigest digest = ZipDigest.of(zip());
        new ArtifactManifest(zip(), digest.sha256(), Files.size(zip()), t, "com.example", "orders", "1.0", digest.crc32c())
                .write(ArtifactManifest.locationIn(target));
    }

    @Test
    void aPackagedArtifactRewrittenWithTheSameSizeIsRefusedByItsCrc32c() throws IOException {
        TestZips.of(zip(), Map.of("com/example/orders/OrdersHandler.class", new byte[] {1}));
        packagedManifest();
        String packaged = ZipDigest.crc32cOf(zip());
        TestZips.of(zip(), Map.of("com/example/orders/OrdersHandler.class", new byte[] {2}));

        refused("Artifact " + zip() + " has CRC32C " + ZipDigest.crc32cOf(zip()) + ", but artifact.json records CRC32C "
                + packaged + ": it changed after packaging; run the package goal again (mvn package crossdeploy:package).");
    }

    @Test
    void aPackagedArtifactCutShortIsRefusedByItsSize() throws IOException {
        TestZips.of(zip(), Map.of("com/example/orders/OrdersHandler.class", new byte[] {1}));
        packagedManifest();
        long packaged = Files.size(zip());
        byte[] bytes = Files.readAllBytes(zip());
        Files.write(zip(), java.util.Arrays.copyOf(bytes, bytes.length - 7));

        refused("Artifact " + zip() + " is " + (packaged - 7) + " bytes, but artifact.json records " + packaged
                + " bytes: it changed after packaging; run the package goal again (mvn package crossdeploy:package).");
    }

    @Test
    void aPackagedArtifactUnchangedGoesUpUnderItsSha256() throws IOException {
        TestZips.of(zip(), Map.of("com/example/orders/OrdersHandler.class", new byte[] {1}));
        packagedManifest();

        UploadResult result = upload();
        assertThat(result.status()).isEqualTo(UploadResult.Status.UPLOADED);
        assertThat(result.key()).isEqualTo("orders/" + Sha256.hexOf(zip()) + ".zip");
        assertThat(reporter.messages()).anyMatch(l -> l.matches("Uploaded artifact to s3://.*\\.zip \\(0\\.0 MiB in \\d+\\.\\d\\d s, \\d+ MiB/s\\)"));
    }

    @Test
    void somethingThatIsNotAZipIsRefused() throws IOException {
        Files.writeString(zip(), "not a zip at all");
        manifest(FUNCTION_TEMPLATE, null);

        refused("Artifact " + zip() + " is not a readable zip (zip END header not found);"
                + " run the package goal again (mvn package crossdeploy:package).");
    }

    @Test
    void aHandlerWhoseClassIsNotInTheZipIsRefused() throws IOException {
        TestZips.of(zip(), Map.of("com/example/orders/OrderHandler.class", new byte[] {1}));
        manifest(FUNCTION_TEMPLATE, null);

        refused("Function OrdersFunction in template.yaml names handler com.example.orders.OrdersHandler::handleRequest,"
                + " but artifact orders-1.0-lambda.zip holds no class com.example.orders.OrdersHandler"
                + " (neither at its root nor in lib/*.jar); fix the Handler or the class name.");
    }

    @Test
    void aHandlerClassInALibraryJarIsFound() throws IOException {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(jar)) {
            out.putNextEntry(new ZipEntry("com/example/orders/OrdersHandler.class"));
            out.write(1);
            out.closeEntry();
        }
        TestZips.of(zip(), Map.of("lib/orders-core-1.0.jar", jar.toByteArray()));
        manifest(FUNCTION_TEMPLATE, null);

        assertThat(upload().status()).isEqualTo(UploadResult.Status.UPLOADED);
    }

    @Test
    void inlineCodeAndPythonHandlersAreNotJavaHandlers() throws IOException {
        TestZips.of(zip(), Map.of("README", new byte[] {1}));
        manifest("""
                Resources:
                  Inline:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: java21, Handler: a.B::c, Role: r, Code: {ZipFile: "x"}}
                  Python:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: python3.12, Handler: app.handler, Role: r, Code: {S3Bucket: b, S3Key: k}}
                """, null);

        assertThat(upload().status()).isEqualTo(UploadResult.Status.UPLOADED);
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedWithLineAndColumn() throws IOException {
        TestZips.of(zip(), Map.of("README", new byte[] {1}));
        manifest("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n   Properties: {}\n", null);

        refused("Template " + target.resolve("template.yaml") + " is not valid YAML at line 4, column 4: while parsing a block mapping,"
                + " expected <block end>, but found '<block mapping start>'; fix it there.");
    }

    @Test
    void aTemplateOverOneMegabyteIsRefusedBeforeAnyUpload() throws IOException {
        TestZips.of(zip(), Map.of("README", new byte[] {1}));
        String head = "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n# ";
        manifest(head + "x".repeat(1_048_577 - head.length() - 1) + "\n", null);

        refused("Template " + target.resolve("template.yaml") + " is 1048577 bytes, over CloudFormation's limit of 1048576"
                + " bytes (1 MB) even for a template read from S3; move large inline code or policies out of it"
                + " or split it into nested stacks.");
    }
}
