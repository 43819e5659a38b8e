package dev.crossdeploy.stack;

import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wait that sees none of its operation's events (however that came about) still ends soon
 * after the stack settles: after a quiet stretch it describes the stack, without waiting for the
 * 30 s heartbeat.
 */
class StackWatcherQuietCheckTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    private static final String STACK = "quiet";

    @Test
    void anEndTheEventsDidNotShowIsFoundAfterTheFirstQuietStretch() {
        String stackId = cloud.cfn().createChangeSet(b -> b.stackName(STACK).changeSetName("c").changeSetType("CREATE")
                        .roleARN(cloud.executionRoleArn())
                        .templateBody("Resources:\n  Greeting:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: hi}\n"))
                .stackId();
        EngineRuns.waitFor("the change set", () -> cloud.cfn().describeChangeSet(b -> b.stackName(STACK).changeSetName("c"))
                .statusAsString().equals("CREATE_COMPLETE"));
        Stack before = cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0);
        cloud.cfn().executeChangeSet(b -> b.stackName(STACK).changeSetName("c"));
        EngineRuns.waitFor("the create", () -> cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0)
                .stackStatusAsString().equals("CREATE_COMPLETE"));
        // No event carries this token, so the cursor never shows the operation's events.
        EventCursor blind = EventCursor.beforeOperation(cloud.cfn(), stackId, "a-token-no-event-carries");
        ManualClock clock = new ManualClock();
        Timing real = Timing.real();
        Timing manual = new Timing(clock, clock::advance, real.firstPoll(), real.maxPoll(), real.heartbeat(), real.idlePoll());
        Instant started = clock.instant();

        StackWatcher.Settled settled = new StackWatcher(cloud.cfn(), new RecordingReporter(), manual, new EventLine(24, 32))
                .await(stackId, STACK, blind, started.plus(Duration.ofMinutes(10)), "crossdeploy.timeout", before);

        assertThat(settled.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(Duration.between(started, clock.instant())).isGreaterThanOrEqualTo(StackWatcher.QUIET_CHECK)
                .isLessThan(StackWatcher.QUIET_CHECK.plus(real.maxPoll()).plusSeconds(1));
    }
}
