package dev.crossdeploy.bootstrap;

import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.stack.StackDeployer;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.crossdeploy.bootstrap.BootstrapStacks.artifactBucket;
import static dev.crossdeploy.bootstrap.BootstrapStacks.bootstrap;
import static dev.crossdeploy.bootstrap.BootstrapStacks.executionRoleArn;
import static org.assertj.core.api.Assertions.assertThat;

/** The execution role's default policy is enough for the example service's stack. */
class DefaultExecutionPolicyTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    static Path outputs;

    @Test
    void theExampleServiceDeploysUnderTheDefaultExecutionPolicy() throws Exception {
        bootstrap(cloud, "staging");
        String bucket = artifactBucket(cloud, "staging");
        try (var s3 = cloud.root("staging").s3()) {
            s3.putObject(p -> p.bucket(bucket).key("example-api/abc.zip"), RequestBody.fromBytes(zip()));
        }
        Stage staging = new Stage("staging", cloud.accountId("staging"), cloud.region(), null,
                executionRoleArn(cloud, "staging"), bucket, "", null, null,
                Map.of("ArtifactBucket", bucket, "ArtifactKey", "example-api/abc.zip"), null, false, List.of(), null);
        RecordingReporter reporter = new RecordingReporter();
        DeployResult result;
        try (var cfn = cloud.root("staging").cloudFormation()) {
            result = new StackDeployer(cfn, TemplateUploader.none(), reporter, BootstrapStacks.fastPolls())
                    .deploy(new DeployRequest(staging, "example-api-staging",
                            RepositoryFiles.root().resolve("example-api/src/main/cloudformation/template.yaml"),
                            null, null, null, false, Duration.ofMinutes(2), outputs));
        }
        assertThat(result.status()).as(reporter.text()).isEqualTo("CREATE_COMPLETE");
    }

    private static byte[] zip() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("dev/example/Handler.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
