package dev.crossdeploy.account;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.RequestLog;
import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.StsClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountSessionTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private final RecordingReporter reporter = new RecordingReporter();

    @Test
    void assumesTheDeployRoleInTheStageAccount() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        Stage stage = cloud.stage("qa", qa);

        try (AccountSession session = AccountSession.open(stage, cloud.pipelineSettings(), "crossdeploy-qa", reporter)) {
            assertThat(session.accountId()).isEqualTo("333333333333");
            assertThat(session.region()).isEqualTo(cloud.region());
            assertThat(RequestLog.calls("Sts")).as("AssumeRole's answer names the account: no GetCallerIdentity")
                    .containsExactly("Sts AssumeRole");
            try (StsClient sts = StsClient.builder().endpointOverride(cloud.endpoint())
                    .region(software.amazon.awssdk.regions.Region.of(cloud.region()))
                    .credentialsProvider(session.credentials()).build()) {
                assertThat(sts.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::333333333333:assumed-role/crossdeploy-deploy/crossdeploy-qa");
            }
        }
        assertThat(reporter.text()).contains("Stage qa: account 333333333333 (" + cloud.region()
                        + ") as arn:aws:sts::333333333333:assumed-role/crossdeploy-deploy/crossdeploy-qa")
                .doesNotContain(cloud.cloud().account("pipeline").secretAccessKey());
    }

    @Test
    void namesTheSessionAsStsDoesWithoutTheRolesPath() {
        assertThat(AssumedRole.identityArn("arn:aws:iam::333333333333:role/teams/payments/deployer", "333333333333", "crossdeploy-qa"))
                .isEqualTo("arn:aws:sts::333333333333:assumed-role/deployer/crossdeploy-qa");
        assertThat(AssumedRole.identityArn("arn:aws-cn:iam::333333333333:role/crossdeploy-deploy", "333333333333", "crossdeploy-cn"))
                .isEqualTo("arn:aws-cn:sts::333333333333:assumed-role/crossdeploy-deploy/crossdeploy-cn");
    }

    @Test
    void refusesARoleThatLandsInAnotherAccountBeforeAnyWrite() {
        DeploymentAccount staging = cloud.seed("staging").withoutBucket().apply();
        Stage qaWithStagingRole = new Stage("qa", "333333333333", cloud.region(), staging.deployRoleArn(),
                "arn:aws:iam::333333333333:role/crossdeploy-cfn-exec", "crossdeploy-artifacts-333333333333-us-east-1",
                "", null, null, Map.of(), Map.of(), false, List.of(), null);

        assertThatThrownBy(() -> AccountSession.open(qaWithStagingRole, cloud.pipelineSettings(), "crossdeploy-qa", reporter))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Refusing to deploy stage 'qa': role arn:aws:iam::222222222222:role/crossdeploy-deploy"
                        + " gave credentials of account 222222222222, not the stage's account 333333333333;"
                        + " fix the stage's accountId or deployRoleArn. Nothing was written.");
    }

    @Test
    void explainsARoleThatDoesNotTrustThePipeline() {
        DeploymentAccount qa = cloud.seed("qa").trusting("222222222222").withoutBucket().apply();

        assertThatThrownBy(() -> AccountSession.open(cloud.stage("qa", qa), cloud.pipelineSettings(), "crossdeploy-qa", reporter))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Access denied assuming deploy role arn:aws:iam::333333333333:role/crossdeploy-deploy"
                        + " for stage 'qa' as arn:aws:iam::111111111111:root; check that the role exists, that its"
                        + " trust policy trusts this caller's account and whether it requires an sts:ExternalId"
                        + " (set the stage's externalId), and that the caller may call sts:AssumeRole on it.");
    }

    @Test
    void passesTheExternalIdTheRoleRequires() {
        DeploymentAccount qa = cloud.seed("qa").externalId("qa-7f3a").withoutBucket().apply();

        try (AccountSession session = AccountSession.open(cloud.stage("qa", qa), cloud.pipelineSettings(), "crossdeploy-qa", reporter)) {
            assertThat(session.accountId()).isEqualTo("333333333333");
        }
    }

    @Test
    void explainsAWrongExternalId() {
        DeploymentAccount qa = cloud.seed("qa").externalId("qa-7f3a").withoutBucket().apply();
        Stage wrong = withExternalId(cloud.stage("qa", qa), "qa-0000");

        assertThatThrownBy(() -> AccountSession.open(wrong, cloud.pipelineSettings(), "crossdeploy-qa", reporter))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageContaining("Access denied assuming deploy role arn:aws:iam::333333333333:role/crossdeploy-deploy")
                .hasMessageContaining("its sts:ExternalId condition matches the stage's externalId");
    }

    @Test
    void explainsAMissingExternalId() {
        DeploymentAccount qa = cloud.seed("qa").externalId("qa-7f3a").withoutBucket().apply();
        Stage without = withExternalId(cloud.stage("qa", qa), null);

        assertThatThrownBy(() -> AccountSession.open(without, cloud.pipelineSettings(), "crossdeploy-qa", reporter))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageContaining("whether it requires an sts:ExternalId (set the stage's externalId)");
    }

    @Test
    void retriesThrottlingAndServerErrors() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        cloud.cloud().state().faults().add(FaultRule.next(1, "sts", "AssumeRole", FaultKind.THROTTLE));
        cloud.cloud().state().faults().add(FaultRule.next(1, "sts", "AssumeRole", FaultKind.INTERNAL_ERROR));

        try (AccountSession session = AccountSession.open(cloud.stage("qa", qa), cloud.pipelineSettings(), "crossdeploy-qa", reporter)) {
            assertThat(session.accountId()).isEqualTo("333333333333");
        }
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(2);
        assertThat(RequestLog.calls("Sts")).as("one call, its two failed attempts retried").containsExactly("Sts AssumeRole");
    }

    @Test
    void missingPipelineCredentialsAreTheEnvironmentsToFix() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        AwsSettings noCredentials = new AwsSettings(() -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        }, cloud.endpoint(), true);

        assertThatThrownBy(() -> AccountSession.open(cloud.stage("qa", qa), noCredentials, "crossdeploy-qa", reporter))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Cannot assume deploy role arn:aws:iam::333333333333:role/crossdeploy-deploy for stage 'qa':"
                        + " No usable AWS credentials for the build; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                        + " or AWS_PROFILE, or run where an instance or container role is available.");
    }

    @Test
    void sessionNamesCarryTheStageAndTheBuildWithinStsLimits() {
        assertThat(SessionNames.of("qa", null)).isEqualTo("crossdeploy-qa");
        assertThat(SessionNames.of("qa", "my-service-pipeline:6a1f0b47-52f9-4e0c-b5a6-1c7a1d3b8e11"))
                .hasSizeLessThanOrEqualTo(64)
                .matches("[\\w+=,.@-]{2,64}")
                .startsWith("crossdeploy-qa-my-service-pipeline-6a1f");
        assertThat(SessionNames.of("qa", "p:b c/d")).isEqualTo("crossdeploy-qa-p-b-c-d");
    }

    private static Stage withExternalId(Stage s, String externalId) {
        return new Stage(s.name(), s.accountId(), s.region(), s.deployRoleArn(), s.executionRoleArn(),
                s.artifactBucket(), s.artifactPrefix(), s.kmsKeyId(), externalId, s.parameters(), s.tags(),
                s.protectedStage(), s.capabilities(), s.requireVerifiedIn());
    }
}
