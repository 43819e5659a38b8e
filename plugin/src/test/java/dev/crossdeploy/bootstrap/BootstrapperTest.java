package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.crossdeploy.bootstrap.BootstrapStacks.PIPELINE;
import static dev.crossdeploy.bootstrap.BootstrapStacks.bootstrap;
import static dev.crossdeploy.bootstrap.BootstrapStacks.deployRoleArn;
import static dev.crossdeploy.bootstrap.BootstrapStacks.trusting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bootstrap goal's engine against the local cloud: create, rerun, update, failures. */
class BootstrapperTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @Test
    void createsTheStackAndPrintsItsEventsAndOutputs() {
        RecordingReporter reporter = new RecordingReporter();
        StackDeployment stack = bootstrap(cloud, "staging", trusting(PIPELINE), reporter);

        assertThat(stack.outcome()).isEqualTo(StackDeployment.Outcome.CREATED);
        assertThat(stack.stackName()).isEqualTo("crossdeploy-bootstrap");
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(reporter.text())
                .contains("Bootstrapping account 222222222222 (" + cloud.region() + ") with stack crossdeploy-bootstrap:"
                        + " deploy role trusts account 111111111111, AES256 encryption")
                .contains("Add  DeployRole  AWS::IAM::Role")
                .containsPattern("CREATE_COMPLETE  AWS::IAM::Role  DeployRole")
                .containsPattern("CREATE_COMPLETE  AWS::S3::Bucket  ArtifactBucket")
                .contains("Stack crossdeploy-bootstrap CREATE_COMPLETE.")
                .contains("  DeployRoleArn = " + deployRoleArn(cloud, "staging"));
        try (var cfn = cloud.root("staging").cloudFormation()) {
            assertThat(cfn.describeStacks(r -> r.stackName("crossdeploy-bootstrap")).stacks().get(0).stackStatusAsString())
                    .isEqualTo("CREATE_COMPLETE");
        }
    }

    @Test
    void aRerunWithoutChangesSucceedsAndSaysSo() {
        bootstrap(cloud, "qa");
        RecordingReporter reporter = new RecordingReporter();
        StackDeployment again = bootstrap(cloud, "qa", trusting(PIPELINE), reporter);

        assertThat(again.outcome()).isEqualTo(StackDeployment.Outcome.UNCHANGED);
        assertThat(again.outputs()).containsEntry("DeployRoleArn", deployRoleArn(cloud, "qa"));
        assertThat(reporter.text()).contains("No changes: stack crossdeploy-bootstrap is up to date.");
        try (var cfn = cloud.root("qa").cloudFormation()) {
            assertThat(cfn.listChangeSets(r -> r.stackName("crossdeploy-bootstrap")).summaries())
                    .as("the empty change set is cleaned up").isEmpty();
        }
    }

    @Test
    void aRerunWithNewParametersUpdatesTheStack() {
        bootstrap(cloud, "prod");
        RecordingReporter reporter = new RecordingReporter();
        StackDeployment updated = bootstrap(cloud, "prod",
                new BootstrapRequest(PIPELINE, List.of(), null, true, List.of(), null), reporter);

        assertThat(updated.outcome()).isEqualTo(StackDeployment.Outcome.UPDATED);
        assertThat(updated.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(updated.outputs()).containsKey("KmsKeyArn");
        assertThat(reporter.text()).contains("Add  ArtifactKey  AWS::KMS::Key").contains("Add  ArtifactKeyAlias  AWS::KMS::Alias");
    }

    @Test
    void takesAnotherStackName() {
        StackDeployment stack = bootstrap(cloud, "staging",
                new BootstrapRequest(PIPELINE, List.of(), null, false, List.of(), "org-crossdeploy"), new RecordingReporter());
        assertThat(stack.stackName()).isEqualTo("org-crossdeploy");
        assertThat(stack.outcome()).isEqualTo(StackDeployment.Outcome.CREATED);
    }

    @Test
    void aFailedCreationNamesTheResourceAndTheRerunSaysToDeleteTheStack() {
        // An administrator made the deploy role by hand earlier: the stack cannot create it.
        try (var iam = cloud.root("staging").iam()) {
            iam.createRole(r -> r.roleName("crossdeploy-deploy").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        assertThatThrownBy(() -> bootstrap(cloud, "staging", trusting(PIPELINE), new RecordingReporter()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Stack crossdeploy-bootstrap ended in ROLLBACK_COMPLETE: DeployRole (AWS::IAM::Role) CREATE_FAILED: ")
                .hasMessageContaining("crossdeploy-deploy")
                .hasMessageEndingWith(" Delete the stack before running bootstrap again.");

        assertThatThrownBy(() -> bootstrap(cloud, "staging", trusting(PIPELINE), new RecordingReporter()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stack crossdeploy-bootstrap is in ROLLBACK_COMPLETE after a failed first creation and"
                        + " cannot be updated; delete it (aws cloudformation delete-stack --stack-name"
                        + " crossdeploy-bootstrap) and run bootstrap again.");
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
