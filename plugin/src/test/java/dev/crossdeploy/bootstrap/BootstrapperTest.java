package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.crossdeploy.bootstrap.BootstrapStacks.PIPELINE;
import static dev.crossdeploy.bootstrap.BootstrapStacks.bootstrap;
import static dev.crossdeploy.bootstrap.BootstrapStacks.deployRoleArn;
import static dev.crossdeploy.bootstrap.BootstrapStacks.fastPolls;
import static dev.crossdeploy.bootstrap.BootstrapStacks.trusting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bootstrap goal's engine against the local cloud: create, rerun, update, failures. */
class BootstrapperTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @Test
    void createsTheStackThroughAChangeSetAndPrintsItsEventsAndOutputs() {
        RecordingReporter reporter = new RecordingReporter();
        DeployResult stack = bootstrap(cloud, "staging", trusting(PIPELINE), reporter);

        assertThat(stack.changed()).isTrue();
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.stackId()).contains(":stack/crossdeploy-bootstrap/");
        assertThat(stack.outputs()).containsEntry("DeployRoleArn", deployRoleArn(cloud, "staging"));
        assertThat(reporter.text())
                .contains("Bootstrapping account 222222222222 in " + cloud.region() + " with stack crossdeploy-bootstrap:"
                        + " deploy role trusts account 111111111111, AES256 encryption")
                .contains("Deploying stack crossdeploy-bootstrap in account 222222222222 (" + cloud.region() + ")")
                .doesNotContain("stage")
                .contains("Capabilities: CAPABILITY_NAMED_IAM")
                .containsPattern("Add\\s+DeployRole\\s+AWS::IAM::Role")
                .containsPattern("DeployRole\\s+AWS::IAM::Role\\s+CREATE_COMPLETE")
                .containsPattern("ArtifactBucket\\s+AWS::S3::Bucket\\s+CREATE_COMPLETE")
                .containsPattern("DeployRoleArn\\s+" + deployRoleArn(cloud, "staging"));
        try (var cfn = cloud.root("staging").cloudFormation()) {
            var described = cfn.describeStacks(r -> r.stackName("crossdeploy-bootstrap")).stacks().get(0);
            assertThat(described.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
            assertThat(described.capabilitiesAsStrings()).contains("CAPABILITY_NAMED_IAM");
        }
    }

    @Test
    void aRerunWithoutChangesSucceedsAndSaysSo() {
        bootstrap(cloud, "qa");
        RecordingReporter reporter = new RecordingReporter();
        DeployResult again = bootstrap(cloud, "qa", trusting(PIPELINE), reporter);

        assertThat(again.changed()).isFalse();
        assertThat(again.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(again.outputs()).containsEntry("DeployRoleArn", deployRoleArn(cloud, "qa"));
        assertThat(reporter.text()).contains("No changes: stack crossdeploy-bootstrap");
        try (var cfn = cloud.root("qa").cloudFormation()) {
            assertThat(cfn.listChangeSets(r -> r.stackName("crossdeploy-bootstrap")).summaries())
                    .as("the empty change set is cleaned up")
                    .noneSatisfy(c -> assertThat(c.statusAsString()).isEqualTo("FAILED"));
        }
    }

    @Test
    void aRerunWithNewParametersUpdatesTheStack() {
        bootstrap(cloud, "prod");
        RecordingReporter reporter = new RecordingReporter();
        DeployResult updated = bootstrap(cloud, "prod",
                new BootstrapRequest(PIPELINE, List.of(), null, true, List.of(), null), reporter);

        assertThat(updated.changed()).isTrue();
        assertThat(updated.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(updated.outputs()).containsKey("KmsKeyArn");
        assertThat(reporter.text()).containsPattern("Add\\s+ArtifactKey\\s+AWS::KMS::Key")
                .containsPattern("Add\\s+ArtifactKeyAlias\\s+AWS::KMS::Alias");
    }

    @Test
    void theExecutionRoleGetsTheDefaultPolicyUnlessPoliciesAreGiven() {
        var iam = cloud.cloud().state().iam();
        bootstrap(cloud, "staging");
        assertThat(iam.requireRole("222222222222", "crossdeploy-cfn-exec").attachedPolicyArns())
                .containsExactly("arn:aws:iam::222222222222:policy/crossdeploy-cfn-exec-default");

        bootstrap(cloud, "qa", new BootstrapRequest(PIPELINE, List.of(), null, false,
                List.of("arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"), null),
                new RecordingReporter());
        assertThat(iam.requireRole("333333333333", "crossdeploy-cfn-exec").attachedPolicyArns())
                .containsExactlyInAnyOrder("arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(iam.policy("arn:aws:iam::333333333333:policy/crossdeploy-cfn-exec-default")).isEmpty();
    }

    @Test
    void neverPrintsTheExternalId() {
        RecordingReporter reporter = new RecordingReporter();
        bootstrap(cloud, "staging", new BootstrapRequest(PIPELINE, List.of(), "s3cr3t-ext-id", false, List.of(), null), reporter);
        assertThat(reporter.text()).doesNotContain("s3cr3t-ext-id").contains("with an external id")
                .containsPattern("ExternalId\\s+\\*\\*\\*\\*");
    }

    @Test
    void takesAnotherStackNameAndWritesTheOutputsFile(@TempDir Path dir) throws Exception {
        DeployResult stack = Bootstrapper.connect(cloud.settingsAs("staging"), cloud.region(), new RecordingReporter(),
                        fastPolls(), DeployRequest.DEFAULT_TIMEOUT)
                .bootstrap(new BootstrapRequest(PIPELINE, List.of(), null, false, List.of(), "org-crossdeploy"), dir);
        assertThat(stack.stackId()).contains(":stack/org-crossdeploy/");
        assertThat(stack.outputsFile()).isEqualTo(dir.resolve("bootstrap-outputs.json"));
        assertThat(Files.readString(stack.outputsFile())).contains(deployRoleArn(cloud, "staging"));
    }

    @Test
    void aFailedCreationNamesTheResourceThatFailed() {
        // An administrator made the deploy role by hand earlier: the stack cannot create it.
        try (var iam = cloud.root("staging").iam()) {
            iam.createRole(r -> r.roleName("crossdeploy-deploy").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        assertThatThrownBy(() -> bootstrap(cloud, "staging", trusting(PIPELINE), new RecordingReporter()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Deployment of stack crossdeploy-bootstrap in account 222222222222 (" + cloud.region() + ") failed"
                        + " (ROLLBACK_COMPLETE). Root cause: DeployRole (AWS::IAM::Role) CREATE_FAILED: ")
                .hasMessageContaining("'AWS::IAM::Role' with identifier 'crossdeploy-deploy' already exists");
    }

    @Test
    void refusedCredentialsAreOneLineAndCreateNothing() {
        var staging = cloud.cloud().account("staging");
        var wrongSecret = new AwsSettings(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(staging.accessKeyId(), "not-the-secret")), cloud.endpoint(), true);
        assertThatThrownBy(() -> Bootstrapper.connect(wrongSecret, cloud.region(), new RecordingReporter(), fastPolls(),
                DeployRequest.DEFAULT_TIMEOUT).bootstrap(trusting(PIPELINE)))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Bootstrap needs an administrator of the account to prepare: STS does not accept the AWS"
                        + " credentials (SignatureDoesNotMatch); check the build's AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and run again.")
                .hasMessageNotContaining("not-the-secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        try (var cfn = cloud.root("staging").cloudFormation()) {
            assertThat(cfn.listStacks().stackSummaries()).isEmpty();
        }
    }

    @Test
    void refusesATrustAccountThatIsMissingOrNotAnAccountIdBeforeCallingAws() {
        assertThatThrownBy(() -> bootstrap(cloud, "staging", trusting(null), new RecordingReporter()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("crossdeploy.trustAccount is required:");
        assertThatThrownBy(() -> bootstrap(cloud, "staging", trusting("1111"), new RecordingReporter()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("crossdeploy.trustAccount '1111' is not a 12-digit AWS account id;");
        try (var cfn = cloud.root("staging").cloudFormation()) {
            assertThat(cfn.listStacks().stackSummaries()).isEmpty();
        }
    }
}
