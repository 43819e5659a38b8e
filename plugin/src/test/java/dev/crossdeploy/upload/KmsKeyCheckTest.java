package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.AccountSeed;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.RequestLog;
import dev.crossdeploy.testing.TestZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stage's kmsKeyId is resolved with kms:DescribeKey before the upload writes anything. */
class KmsKeyCheckTest {
    private static final String MISSING = "1234abcd-12ab-34cd-56ef-1234567890ab";

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path target;

    private DeploymentAccount qa;

    private Stage withKey(String kmsKeyId) {
        Stage base = cloud.stage("qa", qa);
        return new Stage(base.name(), base.accountId(), base.region(), base.deployRoleArn(), base.executionRoleArn(),
                base.artifactBucket(), "", kmsKeyId, null, Map.of(), Map.of(), false, List.of(), null);
    }

    private void upload(Stage stage) throws IOException {
        Path zip = TestZips.ofSize(target.resolve("orders-api-1.0-lambda.zip"), 10 * 1024);
        new ArtifactManifest(zip, Sha256.hexOf(zip), 10 * 1024, null, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(target));
        UploadToAccount.run(stage, cloud.pipelineSettings(), "crossdeploy-qa", target, UploadOptions.DEFAULTS,
                new RecordingReporter(), null);
    }

    private void assertRefusedAndBucketEmpty(Stage stage, String message) {
        RequestLog.clear();
        assertThatThrownBy(() -> upload(stage)).isInstanceOf(CrossdeployException.class).hasMessage(message);
        assertThat(RequestLog.calls("S3")).isEmpty();
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(qa.artifactBucket())).contents()).isEmpty();
        }
    }

    @Test
    void aKeyThatDoesNotExistIsRefusedBeforeAnyWrite() {
        qa = cloud.seed("qa").apply();
        String account = "account " + qa.accountId() + " (" + qa.region() + ")";

        assertRefusedAndBucketEmpty(withKey(MISSING), "Stage 'qa': kmsKeyId '" + MISSING + "' does not exist in " + account
                + "; create the key (or alias), or fix the stage's kmsKeyId. Nothing was written.");
        assertRefusedAndBucketEmpty(withKey("alias/crossdeploy"), "Stage 'qa': kmsKeyId 'alias/crossdeploy' does not exist in "
                + account + "; create the key (or alias), or fix the stage's kmsKeyId. Nothing was written.");
    }

    @Test
    void anExistingKeyByAliasIsUsed() throws IOException {
        qa = cloud.seed("qa").apply();
        try (KmsClient kms = cloud.root("qa").kms()) {
            String id = kms.createKey(r -> {}).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/crossdeploy").targetKeyId(id));
        }
        upload(withKey("alias/crossdeploy"));
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(qa.artifactBucket())).contents()).hasSize(1);
        }
    }

    @Test
    void aDisabledKeyOrOnePendingDeletionIsRefused() {
        qa = cloud.seed("qa").apply();
        String id;
        try (KmsClient kms = cloud.root("qa").kms()) {
            id = kms.createKey(r -> {}).keyMetadata().keyId();
            kms.disableKey(r -> r.keyId(id));
        }
        String account = "account " + qa.accountId() + " (" + qa.region() + ")";
        assertRefusedAndBucketEmpty(withKey(id), "Stage 'qa': kmsKeyId '" + id + "' is a key in state Disabled in " + account
                + ", which S3 cannot encrypt with; enable it, or name another key in the stage's kmsKeyId. Nothing was written.");

        try (KmsClient kms = cloud.root("qa").kms()) {
            kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(7));
        }
        assertRefusedAndBucketEmpty(withKey(id), "Stage 'qa': kmsKeyId '" + id + "' is a key pending deletion in " + account
                + "; cancel its deletion and enable it, or name another key in the stage's kmsKeyId. Nothing was written.");
    }

    @Test
    void aDeployRoleThatMayNotDescribeTheKeySaysToRebootstrap() {
        qa = cloud.seed("qa").apply();
        String id;
        try (KmsClient kms = cloud.root("qa").kms()) {
            id = kms.createKey(r -> {}).keyMetadata().keyId();
        }
        try (var iam = cloud.root("qa").iam()) {
            iam.putRolePolicy(r -> r.roleName(AccountSeed.DEPLOY_ROLE).policyName("no-kms").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"kms:DescribeKey\",\"Resource\":\"*\"}]}"));
        }
        assertRefusedAndBucketEmpty(withKey(id), "Stage 'qa': kmsKeyId '" + id + "' cannot be checked: the deploy role "
                + qa.deployRoleArn() + " may not call kms:DescribeKey on it; re-run bootstrap in account " + qa.accountId()
                + " (" + qa.region() + ") (its deploy role allows kms:DescribeKey), or allow it. Nothing was written.");
    }
}
