package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.testing.DebugCapture;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.SignedKeys;
import dev.crossdeploy.testing.TestZips;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Under {@code mvn -X} neither the session the plugin obtained nor a NoEcho value shows in the output. */
class SecretsNotInDebugOutputTest {
    static final String NO_ECHO_VALUE = "n0echo-Value-7f3a9c";
    static final String TEMPLATE = """
            Parameters:
              DbPassword: {Type: String, NoEcho: true}
              ArtifactBucket: {Type: String}
              ArtifactKey: {Type: String}
            Resources:
              Password:
                Type: AWS::SSM::Parameter
                Properties: {Type: String, Value: !Ref DbPassword}
            """;

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path dir;

    /** A Maven log with debug on, as -X gives, keeping every line. */
    static final class DebugLog extends SystemStreamLog {
        final StringBuffer text = new StringBuffer();
        @Override public boolean isDebugEnabled() { return true; }
        @Override public void debug(CharSequence content) { text.append(content).append('\n'); }
        @Override public void debug(CharSequence content, Throwable error) { text.append(content).append(' ').append(error).append('\n'); }
        @Override public void debug(Throwable error) { text.append(error).append('\n'); }
        @Override public void info(CharSequence content) { text.append(content).append('\n'); }
        @Override public void warn(CharSequence content) { text.append(content).append('\n'); }
        @Override public void error(CharSequence content) { text.append(content).append('\n'); }
    }

    <M extends AbstractStageMojo> M configure(M mojo, DeploymentAccount staging, DebugLog log) {
        mojo.project = MojoTestSupport.project(dir);
        mojo.stage = "staging";
        StageParameter stage = MojoTestSupport.stage("staging", staging.accountId(), staging.region());
        StageValues values = new StageValues();
        values.put("DbPassword", NO_ECHO_VALUE);
        stage.setParameters(values);
        mojo.stages = List.of(stage);
        mojo.skip = "false";
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void uploadAndDeployPrintNoSessionCredentialsNorNoEchoValues() throws Exception {
        DeploymentAccount staging = cloud.seed("staging").apply();
        Files.createDirectories(dir.resolve("target"));
        Path zip = TestZips.of(dir.resolve("target/orders-api-1.0-lambda.zip"), Map.of("README", new byte[] {1}));
        Path template = dir.resolve("target/crossdeploy/template.yaml");
        Files.createDirectories(template.getParent());
        Files.writeString(template, TEMPLATE);
        new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), template, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(dir.resolve("target")));
        DebugLog log = new DebugLog();
        SignedKeys.clear();

        String output;
        try (DebugCapture capture = DebugCapture.start()) {
            UploadToAccountMojo upload = configure(new UploadToAccountMojo() {
                @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
            }, staging, log);
            upload.multipartThreshold = "16777216";
            upload.partSize = "8388608";
            upload.uploadThreads = "4";
            upload.execute();
            DeployStackMojo deploy = configure(new DeployStackMojo() {
                @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
            }, staging, log);
            deploy.buildDirectory = dir.resolve("target").toFile();
            deploy.timeout = "PT5M";
            deploy.dryRun = "false";
            deploy.execute();
            output = capture.text() + log.text;
        }

        Set<String> issued = SignedKeys.temporary();
        assertThat(issued).as("sessions the plugin obtained").isNotEmpty();
        assertThat(output).as("the SDK's debug lines were captured").contains("software.amazon.awssdk.request");
        for (String id : issued) {
            var key = cloud.cloud().state().credentials().find(id).orElseThrow();
            assertThat(output).doesNotContain(key.secretAccessKey()).doesNotContain(key.sessionToken());
        }
        assertThat(output).doesNotContain(NO_ECHO_VALUE);
    }

    @Test
    void stageParametersShowOnlyTheirNamesWhereMavenPrintsThem() {
        StageValues values = new StageValues();
        values.put("DbPassword", NO_ECHO_VALUE);
        values.put("LogLevel", "DEBUG");
        assertThat(values).hasToString("{DbPassword=****, LogLevel=****}");
    }
}
