package dev.crossdeploy.stack;

import dev.crossdeploy.account.Retries;
import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.testing.CloudCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cursor placed before an operation by its ClientRequestToken, with no call: its first read
 * holds the operation's events and nothing of the history before it, however many pages they fill.
 * A poll CloudFormation throttles is not retried and leaves the cursor where it was, on any page.
 */
class EventCursorTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud(0);

    @Test
    void readsNothingBeforeTheOperationThenOnlyItsEvents() {
        CloudFormationClient cfn = cloud.cfn();
        String stackId = createdAndSettled(cfn, "cursor", logGroups(1, 7), "first");
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
        String stackId = createdAndSettled(cfn, "cursor-pages", logGroups(2, 7), "small");
        EventCursor cursor = EventCursor.beforeOperation(cfn, stackId, "big");
        cfn.updateStack(b -> b.stackName(stackId).templateBody(logGroups(60, 7)).clientRequestToken("big"));
        settle(cfn, stackId);

        List<StackEvent> events = cursor.fetchNew();

        // 58 log groups added (started, initiated, complete) and the stack's own three: more than the 100 of a page.
        assertThat(events).hasSize(58 * 3 + 3).allMatch(e -> "big".equals(e.clientRequestToken()));
        assertThat(events).filteredOn(e -> "cursor-pages".equals(e.logicalResourceId())).extracting(StackEvent::resourceStatusAsString)
                .containsExactly("UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE");
    }

    @Test
    void aThrottledPollIsNotRetriedAndTheNextPollReadsWhatItMissed() {
        CloudFormationClient cfn = cloud.cfn();
        String stackId = createdAndSettled(cfn, "cursor-throttled", logGroups(2, 7), "create");
        EventCursor cursor = EventCursor.beforeOperation(cfn, stackId, "create");
        throttleNext(1);
        CloudCalls.clear(cloud.cloud().endpoint());

        assertThatThrownBy(cursor::poll).isInstanceOfSatisfying(CloudFormationException.class,
                e -> assertThat(e.isThrottlingException()).as("throttled: %s", e.getMessage()).isTrue());
        assertThat(CloudCalls.of(cloud.cloud().endpoint(), "cloudformation")).as("one attempt, not retried")
                .containsEntry("DescribeStackEvents", 1L);

        List<StackEvent> events = cursor.poll();
        assertThat(events).hasSize(2 * 3 + 2).allMatch(e -> "create".equals(e.clientRequestToken()));
        assertThat(events.get(events.size() - 1).resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(cursor.poll()).isEmpty();
    }

    @Test
    void aReadThatIsNoPollStillSitsOutThrottling() {
        CloudFormationClient cfn = cloud.cfn();
        String stackId = createdAndSettled(cfn, "cursor-patient", logGroups(1, 7), "create");
        EventCursor cursor = EventCursor.beforeOperation(cfn, stackId, "create");
        throttleNext(3);

        assertThat(cursor.fetchNew()).hasSize(3 + 2);
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(3);
    }

    @Test
    void aThrottledLaterPageLosesNoEventAndRepeatsNone() {
        AtomicBoolean throttleOnce = new AtomicBoolean(false);
        try (CloudFormationClient cfn = clientThrottlingThePageAfterTheFirst(throttleOnce)) {
            String stackId = createdAndSettled(cfn, "cursor-paged", logGroups(2, 7), "small");
            EventCursor byToken = EventCursor.beforeOperation(cfn, stackId, "big");
            cfn.updateStack(b -> b.stackName(stackId).templateBody(logGroups(60, 7)).clientRequestToken("big"));
            settle(cfn, stackId);
            // Placed after the update: the next update's events fill more than a page too.
            EventCursor byEvent = EventCursor.fromNow(cfn, stackId);

            throttleOnce.set(true);
            assertThatThrownBy(byToken::poll).isInstanceOf(CloudFormationException.class);
            List<StackEvent> events = byToken.poll();

            assertThat(events).hasSize(58 * 3 + 3).allMatch(e -> "big".equals(e.clientRequestToken()))
                    .extracting(StackEvent::eventId).doesNotHaveDuplicates();
            assertThat(byToken.poll()).isEmpty();

            cfn.updateStack(b -> b.stackName(stackId).templateBody(logGroups(60, 14)).clientRequestToken("retention"));
            settle(cfn, stackId);
            throttleOnce.set(true);
            assertThatThrownBy(byEvent::poll).isInstanceOf(CloudFormationException.class);
            List<StackEvent> later = byEvent.poll();

            // 60 log groups updated (in progress, complete) and the stack's own three.
            assertThat(later).hasSize(60 * 2 + 3).allMatch(e -> "retention".equals(e.clientRequestToken()))
                    .extracting(StackEvent::eventId).doesNotHaveDuplicates();
            assertThat(cloud.cloud().state().faults().fired()).isEqualTo(2);
        }
    }

    private static void throttleNext(int times) {
        cloud.cloud().state().faults().add(FaultRule.next(times, "cloudformation", "DescribeStackEvents", FaultKind.THROTTLE));
    }

    /** A client of the account that, once {@code armed}, throttles the DescribeStackEvents call after the next first page. */
    private static CloudFormationClient clientThrottlingThePageAfterTheFirst(AtomicBoolean armed) {
        var account = cloud.cloud().account(StackCloud.ACCOUNT);
        ExecutionInterceptor afterFirstPage = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DescribeStackEventsRequest r && r.nextToken() == null && armed.getAndSet(false)) {
                    throttleNext(1);
                }
            }
        };
        return CloudFormationClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.of(cloud.cloud().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                .overrideConfiguration(Retries.policy().toBuilder().addExecutionInterceptor(afterFirstPage).build())
                .build();
    }

    /** The id of a stack created from {@code template} with {@code token}, once its creation settled. */
    private static String createdAndSettled(CloudFormationClient cfn, String name, String template, String token) {
        String stackId = cfn.createStack(b -> b.stackName(name).templateBody(template).clientRequestToken(token)).stackId();
        settle(cfn, stackId);
        return stackId;
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
