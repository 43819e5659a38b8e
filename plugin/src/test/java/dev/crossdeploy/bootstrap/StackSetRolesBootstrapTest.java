package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.bootstrap.BootstrapStacks.PIPELINE;
import static dev.crossdeploy.bootstrap.BootstrapStacks.fastPolls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The roles a stack set rollout needs, from the bootstrap goal: the execution role in a
 * deployment account when asked for ({@code crossdeploy.stackSetAdministrator}), and the
 * administration role in the pipeline account ({@code crossdeploy.stackSetAdministration}).
 */
class StackSetRolesBootstrapTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private static final String EXECUTION_ROLE = "AWSCloudFormationStackSetExecutionRole";

    @Test
    void askedFor_theExecutionRoleTrustsTheAdministratorAccountOnly() {
        RecordingReporter lines = new RecordingReporter();
        DeployResult stack = BootstrapStacks.bootstrap(cloud, "staging",
                new BootstrapRequest(PIPELINE, List.of(), null, false, List.of(), null, PIPELINE), lines);
        String arn = "arn:aws:iam::" + cloud.accountId("staging") + ":role/" + EXECUTION_ROLE;
        assertThat(stack.outputs()).containsEntry("StackSetExecutionRoleArn", arn);
        assertThat(lines.messageText()).contains(", AWSCloudFormationStackSetExecutionRole trusting account " + PIPELINE);

        try (var sts = cloud.root("pipeline").sts()) {
            assertThat(sts.assumeRole(r -> r.roleArn(arn).roleSessionName("stackset")).assumedRoleUser().arn())
                    .startsWith("arn:aws:sts::" + cloud.accountId("staging") + ":assumed-role/" + EXECUTION_ROLE + "/");
        }
        try (var sts = cloud.root("qa").sts()) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("stackset")))
                    .isInstanceOf(StsException.class);
        }
        // It runs the instance stacks itself: stack operations on StackSet-* stacks and what the execution role may provision.
        IamStore iam = cloud.cloud().state().iam();
        Principal session = iam.serviceSession(arn, "stackset");
        String account = cloud.accountId("staging");
        String instanceStack = "arn:aws:cloudformation:" + cloud.region() + ":" + account + ":stack/StackSet-teams-1234/abc";
        assertThat(iam.evaluator().evaluate(session, "cloudformation:CreateStack", instanceStack, account, null, Map.of()))
                .isEqualTo(Decision.ALLOW);
        assertThat(iam.evaluator().evaluate(session, "cloudformation:CreateStack",
                "arn:aws:cloudformation:" + cloud.region() + ":" + account + ":stack/other/abc", account, null, Map.of()))
                .isNotEqualTo(Decision.ALLOW);
        assertThat(iam.evaluator().evaluate(session, "lambda:CreateFunction",
                "arn:aws:lambda:" + cloud.region() + ":" + account + ":function:f", account, null, Map.of()))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void notAskedFor_thereIsNoExecutionRole() {
        DeployResult stack = BootstrapStacks.bootstrap(cloud, "staging");
        assertThat(stack.outputs()).doesNotContainKey("StackSetExecutionRoleArn");
        assertThat(cloud.cloud().state().iam().roleByName(cloud.accountId("staging"), EXECUTION_ROLE)).isEmpty();
    }

    @Test
    void aStackSetAdministratorThatIsNoAccountIdIsRefusedInOneLine() {
        assertThatThrownBy(() -> new BootstrapRequest(PIPELINE, List.of(), null, false, List.of(), null, "pipeline"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("crossdeploy.stackSetAdministrator 'pipeline' is not a 12-digit AWS account id; give the"
                        + " pipeline account's id, e.g. -Dcrossdeploy.stackSetAdministrator=111111111111.");
    }

    @Test
    void thePipelineAccountGetsTheAdministrationRoleThatMayAssumeTheExecutionRoles() {
        RecordingReporter lines = new RecordingReporter();
        DeployResult stack = Bootstrapper.connect(cloud.settingsAs("pipeline"), cloud.region(), lines, fastPolls(),
                Duration.ofMinutes(2)).bootstrapStackSetAdministration(null);
        String arn = "arn:aws:iam::" + PIPELINE + ":role/AWSCloudFormationStackSetAdministrationRole";
        assertThat(stack.outputs()).containsEntry("AdministrationRoleArn", arn);
        assertThat(lines.messageText()).contains("Preparing account " + PIPELINE + " in " + cloud.region()
                + " to administer stack sets: stack crossdeploy-stackset-administration");

        // A deployment account bootstrapped for stack sets: the administration role gets into its execution role only.
        BootstrapStacks.bootstrap(cloud, "qa", new BootstrapRequest(PIPELINE, List.of(), null, false, List.of(), null, PIPELINE),
                Reporter.silent());
        IamStore iam = cloud.cloud().state().iam();
        assertThat(iam.trustsService(arn, "cloudformation.amazonaws.com")).isTrue();
        Principal session = iam.serviceSession(arn, "stackset");
        String qa = cloud.accountId("qa");
        String execution = "arn:aws:iam::" + qa + ":role/" + EXECUTION_ROLE;
        String deploy = "arn:aws:iam::" + qa + ":role/crossdeploy-deploy";
        assertThat(iam.evaluator().evaluate(session, "sts:AssumeRole", execution, qa,
                iam.role(execution).orElseThrow().trustPolicy(), Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(iam.evaluator().evaluate(session, "sts:AssumeRole", deploy, qa,
                iam.role(deploy).orElseThrow().trustPolicy(), Map.of())).isNotEqualTo(Decision.ALLOW);
        // Rerunning converges.
        Bootstrapper.connect(cloud.settingsAs("pipeline"), cloud.region(), Reporter.silent(), fastPolls(),
                Duration.ofMinutes(2)).bootstrapStackSetAdministration(null);
    }
}
