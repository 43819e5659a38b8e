package dev.crossdeploy.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cursor placed before an operation by its ClientRequestToken, with no call: its first read
 * holds the operation's events and nothing of the history before it, however many pages they fill.
 */
class EventCursorTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud(0);

    @Test
    void readsNothingBeforeTheOperationThenOnlyItsEvents() {
        CloudFormationClient cfn = cloud.cfn();
        String stackId = cfn.createStack(b -> b.stackName("cursor").templateBody(logGroups(1, 7)).clientRequestToken("first")).stackId();
        settle(cfn, stackId);
        EventCursor cursor = EventCursor.beforeOperation(cfn, stackId, "second");

        assertThat(cursor.fetchNew()).as("the stack's history before the operation").isEmpty();

        cfn.updateStack(b -> b.stackName(stackId).templateBody(logGroups(1, 14)).clientRequestToken("second"));
        settle(cfn, stackId);
        List<StackEvent> events = cursor.fetchNew();

        assertThat(events).isNotEmpty().allMatch(e -> "second".equals(e.clientRequestToken()));
        assertThat(events.get(0).resourceStatusAsString()).isEqualTo("UPDATE_IN_PROGRESS");
        assertThat(events.get(events.size() - 1).resourceStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(cursor.fetchNew()).isEmpty();
    }

    @Test
    void theFirstReadFollowsTheOperationOverPagesAndStopsAtItsOldestEvent() {
        CloudFormationClient cfn = cloud.cfn();
        String stackId = cfn.createStack(b -> b.stackName("cursor-pages").templateBody(logGroups(2, 7)).clientRequestToken("small")).stackId();
        settle(cfn, stackId);
        EventCursor cursor = EventCursor.beforeOperation(cfn, stackId, "big");
        cfn.updateStack(b -> b.stackName(stackId).templateBody(logGroups(60, 7)).clientRequestToken("big"));
        settle(cfn, stackId);

        List<StackEvent> events = cursor.fetchNew();

        // 58 log groups added (started, initiated, complete) and the stack's own three: more than the 100 of a page.
        assertThat(events).hasSize(58 * 3 + 3).allMatch(e -> "big".equals(e.clientRequestToken()));
        assertThat(events).filteredOn(e -> "cursor-pages".equals(e.logicalResourceId())).extracting(StackEvent::resourceStatusAsString)
                .containsExactly("UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE");
    }

    private static void settle(CloudFormationClient cfn, String stackId) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (StackStatuses.inProgress(cfn.describeStacks(b -> b.stackName(stackId)).stacks().get(0).stackStatusAsString())) {
            assertThat(Instant.now()).as("stack settled within 30 s").isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    private static String logGroups(int n, int retention) {
        StringBuilder t = new StringBuilder("Resources:\n");
        for (int i = 1; i <= n; i++) {
            t.append("  Logs").append(i).append(":\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: ")
                    .append(retention).append("}\n");
        }
        return t.toString();
    }
}
