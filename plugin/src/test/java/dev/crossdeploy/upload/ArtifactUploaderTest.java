package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.CloudCalls;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.RequestLog;
import dev.crossdeploy.testing.TestZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactUploaderTest {
    private static final long MIB = UploadOptions.MIB;

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path target;

    private final RecordingReporter reporter = new RecordingReporter();

    /** A packaged artifact of {@code size} pseudo-random bytes, recorded in target/crossdeploy/artifact.json. */
    private ArtifactManifest packaged(long size, long templateBytes) throws IOException {
        Path zip = TestZips.ofSize(target.resolve("orders-api-1.0-lambda.zip"), size);
        Path template = target.resolve("template.yaml");
        String head = "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n# ";
        Files.writeString(template, head + "x".repeat((int) Math.max(0, templateBytes - head.length() - 1)) + "\n");
        ArtifactManifest manifest = new ArtifactManifest(zip, Sha256.hexOf(zip), size, template,
                "com.example", "orders-api", "1.0");
        manifest.write(ArtifactManifest.locationIn(target));
        return manifest;
    }

    private UploadResult upload(Stage stage, UploadOptions options) {
        return UploadToAccount.run(stage, cloud.pipelineSettings(), "crossdeploy-" + stage.name(), target, options, reporter, null);
    }

    private static HeadObjectResponse head(S3Client s3, String bucket, String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
    }

    @Test
    void putsTheArtifactContentAddressedWithAes256AndAChecksum() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        ArtifactManifest manifest = packaged(300 * 1024, 1_000);

        UploadResult result = upload(cloud.stage("qa", qa), UploadOptions.DEFAULTS);

        String key = "orders-api/" + manifest.sha256() + ".zip";
        assertThat(result).isEqualTo(new UploadResult("qa", qa.artifactBucket(), key, manifest.sha256(),
                manifest.size(), UploadResult.Status.UPLOADED, null));
        assertThat(UploadResult.read(target.resolve("crossdeploy/qa-upload.json"))).isEqualTo(result);
        assertThat(Files.readString(target.resolve("crossdeploy/qa-upload.json")))
                .contains("\"status\" : \"uploaded\"", "\"key\" : \"" + key + "\"");
        try (S3Client s3 = cloud.root("qa").s3()) {
            HeadObjectResponse stored = head(s3, qa.artifactBucket(), key);
            assertThat(stored.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
            assertThat(stored.checksumSHA256()).isEqualTo(Sha256.hexToBase64(manifest.sha256()));
            assertThat(stored.contentLength()).isEqualTo(manifest.size());
            ResponseBytes<?> body = s3.getObjectAsBytes(b -> b.bucket(qa.artifactBucket()).key(key));
            assertThat(body.asByteArray()).isEqualTo(Files.readAllBytes(manifest.file()));
        }
        assertThat(RequestLog.calls("S3")).containsExactly("S3 HeadObject", "S3 PutObject", "S3 HeadObject", "S3 GetObject");
        assertThat(reporter.text()).contains("Uploaded artifact to s3://" + qa.artifactBucket() + "/" + key);
    }

    @Test
    void skipsAnArtifactAlreadyThereAfterOneHead() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        packaged(100 * 1024, 1_000);
        upload(cloud.stage("qa", qa), UploadOptions.DEFAULTS);
        RequestLog.clear();

        UploadResult second = upload(cloud.stage("qa", qa), UploadOptions.DEFAULTS);

        assertThat(second.status()).isEqualTo(UploadResult.Status.SKIPPED);
        assertThat(RequestLog.calls("S3")).containsExactly("S3 HeadObject");
        assertThat(reporter.text()).contains("Artifact already in s3://" + qa.artifactBucket() + "/" + second.key());
    }

    @Test
    void usesTheStageKmsKey() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        String kmsKey;
        try (var kms = cloud.root("qa").kms()) {
            kmsKey = kms.createKey(r -> {}).keyMetadata().arn();
        }
        Stage base = cloud.stage("qa", qa);
        Stage withKey = new Stage(base.name(), base.accountId(), base.region(), base.deployRoleArn(),
                base.executionRoleArn(), base.artifactBucket(), "services/", kmsKey, null, Map.of(), Map.of(),
                false, List.of(), null);
        ArtifactManifest manifest = packaged(50 * 1024, 1_000);

        UploadResult result = upload(withKey, UploadOptions.DEFAULTS);

        assertThat(result.key()).isEqualTo("services/orders-api/" + manifest.sha256() + ".zip");
        try (S3Client s3 = cloud.root("qa").s3()) {
            HeadObjectResponse stored = head(s3, qa.artifactBucket(), result.key());
            assertThat(stored.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(stored.ssekmsKeyId()).isEqualTo(kmsKey);
        }
    }

    @Test
    void goesMultipartAboveTheThresholdAndSkipsTheResultToo() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        ArtifactManifest manifest = packaged(11 * MIB + 12_345, 1_000);
        UploadOptions options = new UploadOptions(6 * MIB, 5 * MIB, 2);

        CloudCalls.clear(cloud.endpoint());
        UploadResult result = upload(cloud.stage("qa", qa), options);

        assertThat(result.status()).isEqualTo(UploadResult.Status.UPLOADED);
        // What reached the cloud: the native client turns the SDK's one PutObject into the multipart upload.
        assertThat(CloudCalls.of(cloud.endpoint(), "s3")).containsOnly(entry("HeadObject", 1L), entry("ListMultipartUploads", 1L),
                entry("CreateMultipartUpload", 1L), entry("UploadPart", 3L), entry("CompleteMultipartUpload", 1L));
        try (S3Client s3 = cloud.root("qa").s3()) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(qa.artifactBucket()).key(result.key())).asByteArray();
            assertThat(stored).isEqualTo(Files.readAllBytes(manifest.file()));
            HeadObjectResponse head = head(s3, qa.artifactBucket(), result.key());
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
            assertThat(head.metadata()).containsEntry("sha256", manifest.sha256());
        }
        assertThat(reporter.lines()).contains("INFO Uploading orders-api-1.0-lambda.zip (11.0 MiB) to s3://"
                        + qa.artifactBucket() + "/" + result.key() + " in 3 parts of 5.0 MiB, 2 at a time (native S3 client)")
                .contains("INFO   100% (11.0 MiB of 11.0 MiB)");

        RequestLog.clear();
        assertThat(upload(cloud.stage("qa", qa), options).status()).isEqualTo(UploadResult.Status.SKIPPED);
        assertThat(RequestLog.calls("S3")).containsExactly("S3 HeadObject");
    }

    @Test
    void uploadsATemplateOverTheInlineLimit() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        ArtifactManifest manifest = packaged(10 * 1024, 60_000);

        UploadResult result = upload(cloud.stage("qa", qa), UploadOptions.DEFAULTS);

        String sha = Sha256.hexOf(manifest.template());
        assertThat(result.template().key()).isEqualTo("orders-api/templates/" + sha + ".yaml");
        assertThat(result.template().status()).isEqualTo(UploadResult.Status.UPLOADED);
        assertThat(result.template().url()).contains(qa.artifactBucket()).endsWith("/orders-api/templates/" + sha + ".yaml");
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(qa.artifactBucket()).key(result.template().key())).asUtf8String())
                    .isEqualTo(Files.readString(manifest.template()));
        }
    }

    @Test
    void aSmallTemplateStaysInline() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        packaged(10 * 1024, 51_200);

        assertThat(upload(cloud.stage("qa", qa), UploadOptions.DEFAULTS).template()).isNull();
    }

    @Test
    void aRoleOfAnotherAccountIsRefusedAndNoBucketIsTouched() throws IOException {
        DeploymentAccount staging = cloud.seed("staging").apply();
        DeploymentAccount qa = cloud.seed("qa").apply();
        packaged(10 * 1024, 1_000);
        Stage qaWithStagingRole = new Stage("qa", qa.accountId(), qa.region(), staging.deployRoleArn(),
                qa.executionRoleArn(), staging.artifactBucket(), "", null, null, Map.of(), Map.of(), false, List.of(), null);

        assertThatThrownBy(() -> upload(qaWithStagingRole, UploadOptions.DEFAULTS))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Refusing to deploy stage 'qa': role " + staging.deployRoleArn());

        assertThat(RequestLog.calls("S3")).isEmpty();
        try (S3Client stagingS3 = cloud.root("staging").s3(); S3Client qaS3 = cloud.root("qa").s3()) {
            assertThat(stagingS3.listObjectsV2(b -> b.bucket(staging.artifactBucket())).contents()).isEmpty();
            assertThat(qaS3.listObjectsV2(b -> b.bucket(qa.artifactBucket())).contents()).isEmpty();
        }
        assertThat(target.resolve("crossdeploy/qa-upload.json")).doesNotExist();
    }

    @Test
    void withTheJavaClientTheSameUploadGoesUpPartByPart() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        ArtifactManifest manifest = packaged(11 * MIB + 12_345, 1_000);
        CloudCalls.clear(cloud.endpoint());

        UploadResult result = upload(cloud.stage("qa", qa), new UploadOptions(6 * MIB, 5 * MIB, 2).withJavaClient());

        assertThat(RequestLog.calls("S3")).containsExactly("S3 HeadObject", "S3 ListMultipartUploads", "S3 CreateMultipartUpload",
                "S3 UploadPart", "S3 UploadPart", "S3 UploadPart", "S3 CompleteMultipartUpload");
        assertThat(CloudCalls.of(cloud.endpoint(), "s3")).containsOnly(entry("HeadObject", 1L), entry("ListMultipartUploads", 1L),
                entry("CreateMultipartUpload", 1L), entry("UploadPart", 3L), entry("CompleteMultipartUpload", 1L));
        try (S3Client s3 = cloud.root("qa").s3()) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(qa.artifactBucket()).key(result.key())).asByteArray();
            assertThat(stored).isEqualTo(Files.readAllBytes(manifest.file()));
            assertThat(head(s3, qa.artifactBucket(), result.key()).metadata()).containsEntry("sha256", manifest.sha256());
        }
        assertThat(reporter.lines()).contains("INFO Uploading orders-api-1.0-lambda.zip (11.0 MiB) to s3://"
                        + qa.artifactBucket() + "/" + result.key() + " in 3 parts of 5.0 MiB, 2 at a time")
                .anyMatch(l -> l.matches("INFO   part 3/3 done, 100% \\(11\\.0 MiB of 11\\.0 MiB\\)"))
                .noneMatch(l -> l.contains("native"));
    }

    @Test
    void whereTheNativeLibraryDoesNotLoadTheUploadSaysSoAndGoesThroughTheJavaClient() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").apply();
        ArtifactManifest manifest = packaged(11 * MIB + 12_345, 1_000);
        CloudCalls.clear(cloud.endpoint());
        Stage stage = cloud.stage("qa", qa);

        UploadResult result;
        try (AccountSession session = AccountSession.open(stage, cloud.pipelineSettings(), "crossdeploy-qa", reporter)) {
            result = new ArtifactUploader(session, new UploadOptions(6 * MIB, 5 * MIB, 2), reporter,
                    () -> Optional.of("libaws-crt-jni.so: failed to map segment from shared object")).upload(manifest);
        }

        assertThat(result.status()).isEqualTo(UploadResult.Status.UPLOADED);
        assertThat(reporter.lines()).contains("INFO The native S3 client does not load on this machine"
                        + " (libaws-crt-jni.so: failed to map segment from shared object); uploading with the Java client.")
                .anyMatch(l -> l.matches("INFO   part 3/3 done, 100% \\(11\\.0 MiB of 11\\.0 MiB\\)"));
        assertThat(CloudCalls.of(cloud.endpoint(), "s3")).contains(entry("CreateMultipartUpload", 1L), entry("UploadPart", 3L),
                entry("CompleteMultipartUpload", 1L));
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(qa.artifactBucket()).key(result.key())).asByteArray())
                    .isEqualTo(Files.readAllBytes(manifest.file()));
        }
    }

    @Test
    void aMissingBucketSaysToBootstrap() throws IOException {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        packaged(10 * 1024, 1_000);

        assertThatThrownBy(() -> upload(cloud.stage("qa", qa), UploadOptions.DEFAULTS))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Artifact bucket crossdeploy-artifacts-333333333333-us-east-1 does not exist in account"
                        + " 333333333333 (us-east-1); bootstrap stage 'qa' or set its artifactBucket.");
    }

    @Test
    void aBucketOfAnotherOwnerIsNotWritten() throws IOException {
        DeploymentAccount staging = cloud.seed("staging").apply();
        DeploymentAccount qa = cloud.seed("qa").apply();
        packaged(10 * 1024, 1_000);
        Stage base = cloud.stage("qa", qa);
        Stage pointingAtStagingBucket = new Stage("qa", base.accountId(), base.region(), base.deployRoleArn(),
                base.executionRoleArn(), staging.artifactBucket(), "", null, null, Map.of(), Map.of(), false, List.of(), null);

        assertThatThrownBy(() -> upload(pointingAtStagingBucket, UploadOptions.DEFAULTS))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Access denied writing s3://" + staging.artifactBucket() + "/orders-api/");
        try (S3Client stagingS3 = cloud.root("staging").s3()) {
            assertThat(stagingS3.listObjectsV2(b -> b.bucket(staging.artifactBucket())).contents()).isEmpty();
        }
    }

    @Test
    void withoutAPackagedArtifactItSaysToPackageFirst() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();

        assertThatThrownBy(() -> upload(cloud.stage("qa", qa), UploadOptions.DEFAULTS))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("No packaged artifact: " + target.resolve("crossdeploy/artifact.json")
                        + " does not exist; run the package goal first (mvn package crossdeploy:package).");
    }
}
