package dev.crossdeploy.account;

import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The goals of one build share each stage's assumed role, and nothing else: another stage,
 * account, role, set of base credentials or build never gets it.
 */
class SharedSessionTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private final RecordingReporter reporter = new RecordingReporter();

    @AfterEach
    void forgetTheBuild() {
        SessionCache.shared().closeAll();
    }

    @Test
    void theGoalsOfOneBuildAssumeAStagesRoleOnceAndCheckItOnce() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        Stage stage = cloud.stage("qa", qa);
        AwsSettings build = cloud.pipelineSettings().sharedWithin("build-1");

        try (AccountSession upload = AccountSession.open(stage, build, "crossdeploy-qa", reporter)) {
            upload.cloudFormation();
        }
        try (AccountSession deploy = AccountSession.open(stage, build, "crossdeploy-qa", reporter)) {
            assertThat(callerArn(deploy.credentials())).isEqualTo("arn:aws:sts::333333333333:assumed-role/crossdeploy-deploy/crossdeploy-qa");
        }

        assertThat(RequestLog.calls("Sts")).containsExactly("Sts AssumeRole", "Sts GetCallerIdentity" /* the test's own check */);
        assertThat(reporter.messages()).filteredOn(l -> l.startsWith("Stage qa: account 333333333333"))
                .as("each goal still says where it acts").hasSize(2);
    }

    @Test
    void stagesInOtherAccountsGetTheirOwnCredentials() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        DeploymentAccount staging = cloud.seed("staging").withoutBucket().apply();
        AwsSettings build = cloud.pipelineSettings().sharedWithin("build-1");

        try (AccountSession toQa = AccountSession.open(cloud.stage("qa", qa), build, "crossdeploy-qa", reporter);
             AccountSession toStaging = AccountSession.open(cloud.stage("staging", staging), build, "crossdeploy-staging", reporter)) {
            assertThat(callerArn(toQa.credentials())).startsWith("arn:aws:sts::333333333333:");
            assertThat(callerArn(toStaging.credentials())).startsWith("arn:aws:sts::222222222222:");
            assertThat(toQa.credentials().resolveCredentials().accessKeyId())
                    .isNotEqualTo(toStaging.credentials().resolveCredentials().accessKeyId());
        }
        assertThat(RequestLog.calls("Sts")).filteredOn("Sts AssumeRole"::equals).hasSize(2);
    }

    @Test
    void twoStagesInOneAccountDoNotShareASession() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        AwsSettings build = cloud.pipelineSettings().sharedWithin("build-1");

        try (AccountSession first = AccountSession.open(cloud.stage("qa", qa), build, "crossdeploy-qa", reporter);
             AccountSession second = AccountSession.open(cloud.stage("team-a", qa), build, "crossdeploy-team-a", reporter)) {
            assertThat(callerArn(first.credentials())).endsWith("/crossdeploy-qa");
            assertThat(callerArn(second.credentials())).endsWith("/crossdeploy-team-a");
            assertThat(second.stage().name()).isEqualTo("team-a");
        }
    }

    @Test
    void anotherBuildAssumesAgainAndClosesTheLastBuildsRoles() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        Stage stage = cloud.stage("qa", qa);

        // Each goal builds its own credentials provider from the same keys: still one build, one role.
        try (AccountSession a = AccountSession.open(stage, cloud.pipelineSettings().sharedWithin("build-1"), "crossdeploy-qa", reporter);
             AccountSession b = AccountSession.open(stage, cloud.pipelineSettings().sharedWithin("build-1"), "crossdeploy-qa", reporter)) {
            assertThat(a.credentials()).isSameAs(b.credentials());
        }
        try (AccountSession c = AccountSession.open(stage, cloud.pipelineSettings().sharedWithin("build-2"), "crossdeploy-qa", reporter)) {
            assertThat(callerArn(c.credentials())).startsWith("arn:aws:sts::333333333333:");
        }
        assertThat(RequestLog.calls("Sts")).filteredOn("Sts AssumeRole"::equals).hasSize(2);
        assertThat(SessionCache.shared().size()).as("a new build closed the last one's roles").isEqualTo(1);
    }

    @Test
    void aRoleInUseStaysOpenWhenAnotherBuildOrModuleStarts() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        Stage stage = cloud.stage("qa", qa);

        try (AccountSession first = AccountSession.open(stage, cloud.pipelineSettings().sharedWithin("module-a"), "crossdeploy-qa", reporter)) {
            first.cloudFormation();
            try (AccountSession second = AccountSession.open(stage, cloud.pipelineSettings().sharedWithin("module-b"), "crossdeploy-qa", reporter)) {
                assertThat(second.credentials()).isNotSameAs(first.credentials());
            }
            assertThat(first.cloudFormation().describeStacks().stacks()).isEmpty();
        }
    }

    @Test
    void otherBaseCredentialsOrAnySettingThatChangesTheRoleMakeAnotherKey() {
        Stage qa = new Stage("qa", "333333333333", "us-east-1", "arn:aws:iam::333333333333:role/crossdeploy-deploy",
                null, "bucket", "", null, null, java.util.Map.of(), java.util.Map.of(), false, java.util.List.of(), null);
        AwsSettings settings = new AwsSettings(null, java.net.URI.create("http://localhost:4566"), true);
        var pipeline = software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAPIPELINE", "secret-1");
        SessionKey key = SessionKey.of(qa, settings, "crossdeploy-qa", pipeline);

        assertThat(SessionKey.of(qa, settings, "crossdeploy-qa",
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAPIPELINE", "secret-1"))).isEqualTo(key);
        assertThat(SessionKey.of(qa, settings, "crossdeploy-qa",
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAPIPELINE", "secret-2"))).isNotEqualTo(key);
        assertThat(SessionKey.of(qa, settings, "crossdeploy-qa",
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create("AKIAPIPELINE", "secret-1", "token"))).isNotEqualTo(key);
        assertThat(SessionKey.of(qa, new AwsSettings(null, null, true), "crossdeploy-qa", pipeline)).isNotEqualTo(key);
        assertThat(SessionKey.of(qa, settings, "crossdeploy-qa2", pipeline)).isNotEqualTo(key);
        assertThat(key.toString()).doesNotContain("secret-1");
    }

    @Test
    void aRoleThatFailedIsNotRemembered() {
        DeploymentAccount qa = cloud.seed("qa").trusting("222222222222").withoutBucket().apply();
        AwsSettings build = cloud.pipelineSettings().sharedWithin("build-1");

        for (int attempt = 0; attempt < 2; attempt++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccountSession.open(cloud.stage("qa", qa), build, "crossdeploy-qa", reporter))
                    .hasMessageStartingWith("Access denied assuming deploy role");
        }
        assertThat(SessionCache.shared().size()).isZero();
    }

    private String callerArn(AwsCredentialsProvider credentials) {
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials).build()) {
            return sts.getCallerIdentity().arn();
        }
    }
}
