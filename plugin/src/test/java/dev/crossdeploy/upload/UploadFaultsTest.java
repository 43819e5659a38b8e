package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.TestZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bursts of three faults in a row on each S3 call of an upload do not fail it (the SDK made 3 attempts before). */
class UploadFaultsTest {
    private static final long MIB = UploadOptions.MIB;

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path target;

    void fail(String action, FaultKind kind) {
        cloud.cloud().state().faults().add(FaultRule.next(3, "s3", action, kind));
    }

    UploadResult upload(long size, UploadOptions options, DeploymentAccount qa) throws Exception {
        Stage stage = cloud.stage("qa", qa);
        Path zip = TestZips.ofSize(target.resolve("orders-api-1.0-lambda.zip"), size);
        new ArtifactManifest(zip, Sha256.hexOf(zip), size, null, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(target));
        UploadResult result = UploadToAccount.run(stage, cloud.pipelineSettings(), "crossdeploy-qa", target, options, new RecordingReporter(), null);
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(qa.artifactBucket()).key(result.key())).asByteArray())
                    .isEqualTo(Files.readAllBytes(zip));
        }
        return result;
    }

    @Test
    void headObjectAndPutObjectSurviveThrottlingAndServerErrors() throws Exception {
        DeploymentAccount qa = cloud.seed("qa").apply();
        fail("HeadObject", FaultKind.UNAVAILABLE);
        fail("PutObject", FaultKind.THROTTLE);

        assertThat(upload(300 * 1024, UploadOptions.DEFAULTS, qa).status()).isEqualTo(UploadResult.Status.UPLOADED);
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(6);
    }

    @Test
    void multipartCallsSurviveServerErrorsAndDroppedConnections() throws Exception {
        DeploymentAccount qa = cloud.seed("qa").apply();
        fail("CreateMultipartUpload", FaultKind.INTERNAL_ERROR);
        fail("UploadPart", FaultKind.DROP_CONNECTION);
        fail("CompleteMultipartUpload", FaultKind.UNAVAILABLE);

        assertThat(upload(11 * MIB, new UploadOptions(6 * MIB, 5 * MIB, 2), qa).status()).isEqualTo(UploadResult.Status.UPLOADED);
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(9);
    }

    @Test
    void aPartThatKeepsFailingFailsTheUploadAndLeavesNoPartsBehind() throws Exception {
        DeploymentAccount qa = cloud.seed("qa").apply();
        cloud.cloud().state().faults().add(FaultRule.next(1_000, "s3", "UploadPart", FaultKind.INTERNAL_ERROR));

        assertThatThrownBy(() -> upload(11 * MIB, new UploadOptions(6 * MIB, 5 * MIB, 2), qa))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageMatching("Uploading s3://" + qa.artifactBucket() + "/orders-api/[0-9a-f]{64}\\.zip for stage 'qa' failed"
                        + " after the client's retries \\(Failed to send the request: Response code indicates internal server error\\);"
                        + " the multipart upload was aborted, so nothing is left in the bucket: run the goal again\\.");
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.listMultipartUploads(b -> b.bucket(qa.artifactBucket())).uploads()).isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(qa.artifactBucket())).contents()).isEmpty();
        }
    }
}
