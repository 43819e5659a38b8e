package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import java.util.List;

import static dev.crossdeploy.localcloud.support.Stacks.await;
import static org.assertj.core.api.Assertions.assertThat;

/** AWS::Logs::LogGroup: what a stack creates is the group the Logs API lists, with its retention, until the stack goes. */
class LogGroupStackTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension(0);

    private static final String TEMPLATE = """
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: /aws/lambda/orders
                  RetentionInDays: %d
            """;

    @Test
    void aStacksLogGroupIsListedUpdatedAndRemovedWithTheStack() {
        CloudFormationClient cfn = cloud.as("staging").cloudFormation();
        CloudWatchLogsClient logs = cloud.as("staging").logs();

        deploy(cfn, ChangeSetType.CREATE, TEMPLATE.formatted(14), StackStatus.CREATE_COMPLETE);
        assertThat(groups(logs)).singleElement().satisfies(g -> {
            assertThat(g.logGroupName()).isEqualTo("/aws/lambda/orders");
            assertThat(g.retentionInDays()).isEqualTo(14);
        });
        logs.createLogStream(r -> r.logGroupName("/aws/lambda/orders").logStreamName("s"));

        deploy(cfn, ChangeSetType.UPDATE, TEMPLATE.formatted(30), StackStatus.UPDATE_COMPLETE);
        assertThat(groups(logs)).singleElement().extracting(LogGroup::retentionInDays).isEqualTo(30);
        assertThat(logs.describeLogStreams(r -> r.logGroupName("/aws/lambda/orders")).logStreams()).hasSize(1);

        cfn.deleteStack(r -> r.stackName("orders"));
        await(() -> groups(logs).isEmpty(), "the stack's log group to be deleted");
    }

    @Test
    void aGroupThatAlreadyExistsFailsTheStack() {
        CloudFormationClient cfn = cloud.as("staging").cloudFormation();
        cloud.as("staging").logs().createLogGroup(r -> r.logGroupName("/aws/lambda/orders"));

        deploy(cfn, ChangeSetType.CREATE, TEMPLATE.formatted(14), StackStatus.ROLLBACK_COMPLETE);
        String reason = cfn.describeStackEvents(r -> r.stackName("orders")).stackEvents().stream()
                .filter(e -> "Logs".equals(e.logicalResourceId()) && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow().resourceStatusReason();
        assertThat(reason).contains("Resource of type 'AWS::Logs::LogGroup' with identifier"
                + " '{\"/properties/LogGroupName\":\"/aws/lambda/orders\"}' already exists.");
        // The rollback leaves the group that was there before.
        assertThat(groups(cloud.as("staging").logs())).hasSize(1);
    }

    private static List<LogGroup> groups(CloudWatchLogsClient logs) { return logs.describeLogGroups().logGroups(); }

    /** Creates and executes a change set for stack "orders", then waits for it to settle in {@code status}. */
    private static Stack deploy(CloudFormationClient cfn, ChangeSetType type, String template, StackStatus status) {
        String name = "cs-" + type.toString().toLowerCase();
        cfn.createChangeSet(r -> r.stackName("orders").changeSetName(name).changeSetType(type).templateBody(template));
        await(() -> cfn.describeChangeSet(r -> r.stackName("orders").changeSetName(name)).status() == ChangeSetStatus.CREATE_COMPLETE,
                "the change set");
        cfn.executeChangeSet(r -> r.stackName("orders").changeSetName(name));
        await(() -> !cfn.describeStacks(r -> r.stackName("orders")).stacks().get(0).stackStatusAsString().endsWith("_IN_PROGRESS"),
                "the stack to settle");
        Stack stack = cfn.describeStacks(r -> r.stackName("orders")).stacks().get(0);
        assertThat(stack.stackStatus()).as(stack.stackStatusReason()).isEqualTo(status);
        return stack;
    }

}
