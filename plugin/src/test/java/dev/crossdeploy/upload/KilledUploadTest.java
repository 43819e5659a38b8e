package dev.crossdeploy.upload;

import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.localcloud.faults.Holds;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.KilledRun;
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

/** An upload killed with its multipart upload half done; the next plain run aborts the leftover and uploads. */
class KilledUploadTest {
    private static final long MIB = UploadOptions.MIB;

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path target;

    @Test
    void killedDuringAMultipartUpload() throws Exception {
        DeploymentAccount qa = cloud.seed("qa").apply();
        Stage stage = cloud.stage("qa", qa);
        Path zip = TestZips.ofSize(target.resolve("orders-api-1.0-lambda.zip"), 11 * MIB + 12_345);
        ArtifactManifest manifest = new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), null, "com.example", "orders-api", "1.0");
        manifest.write(ArtifactManifest.locationIn(target));
        UploadOptions oneAtATime = new UploadOptions(6 * MIB, 5 * MIB, 1);
        Holds holds = cloud.cloud().state().holds();
        Holds.Hold firstPart = holds.next("s3", "UploadPart");
        RecordingReporter rerun = new RecordingReporter();

        try (KilledRun killed = KilledRun.killedAt(firstPart, () -> UploadToAccount.run(stage, cloud.pipelineSettings(),
                        "crossdeploy-qa", target, oneAtATime, new RecordingReporter(), null))
                .movedTo(firstPart, holds.next("s3", "UploadPart"))) {

            UploadResult result = UploadToAccount.run(stage, cloud.pipelineSettings(), "crossdeploy-qa", target, oneAtATime, rerun, null);

            assertThat(result.status()).isEqualTo(UploadResult.Status.UPLOADED);
            String uri = "s3://" + qa.artifactBucket() + "/" + result.key();
            assertThat(rerun.messages()).anySatisfy(l -> assertThat(l)
                    .matches("Aborted an unfinished upload of " + java.util.regex.Pattern.quote(uri) + " \\(started \\S+, by a run that did not finish\\)"));
            try (S3Client s3 = cloud.root("qa").s3()) {
                assertThat(s3.listMultipartUploads(b -> b.bucket(qa.artifactBucket())).uploads()).isEmpty();
                assertThat(s3.getObjectAsBytes(b -> b.bucket(qa.artifactBucket()).key(result.key())).asByteArray())
                        .isEqualTo(Files.readAllBytes(zip));
            }
        }
    }
}
