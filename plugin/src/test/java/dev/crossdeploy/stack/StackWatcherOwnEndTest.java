package dev.crossdeploy.stack;

import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment ends at its own final stack event, even when another deployment of the same
 * stack has already started and finished by the time the watcher reads the events again.
 */
class StackWatcherOwnEndTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    private static final String STACK = "watched";

    @Test
    void theOperationEndsAtItsOwnFinalEventNotAtTheNextDeploymentsFinalEvent() {
        String stackId = changeSet("first", ChangeSetType.CREATE);
        cloud.cloud().state().resourceDelayMillis(60_000);
        EventCursor cursor = EventCursor.fromNow(cloud.cfn(), stackId);
        cloud.cfn().executeChangeSet(b -> b.stackName(STACK).changeSetName("first"));

        // Between the watcher's first and second read, the create finishes and another
        // deployment updates the stack from start to end: the second read sees both.
        AtomicInteger sleeps = new AtomicInteger();
        Sleeper otherDeploymentMeanwhile = d -> {
            if (sleeps.getAndIncrement() > 0) return;
            cloud.cloud().state().resourceDelayMillis(0);
            waitFor(() -> status().equals("CREATE_COMPLETE"));
            changeSet("second", ChangeSetType.UPDATE);
            cloud.cfn().executeChangeSet(b -> b.stackName(STACK).changeSetName("second"));
            waitFor(() -> status().equals("UPDATE_COMPLETE"));
        };
        RecordingReporter reporter = new RecordingReporter();
        Timing timing = new Timing(Clock.systemUTC(), otherDeploymentMeanwhile, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(30));

        StackWatcher.Settled settled = new StackWatcher(cloud.cfn(), reporter, timing, new EventLine(24, 32))
                .await(stackId, STACK, cursor, Instant.now().plusSeconds(60), "crossdeploy.timeout");

        assertThat(sleeps.get()).as("the other deployment ran between two reads").isPositive();
        assertThat(settled.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(reporter.messages()).anySatisfy(l -> assertThat(l).contains("CREATE_COMPLETE"))
                .noneSatisfy(l -> assertThat(l).contains("UPDATE_"));
    }

    private String changeSet(String name, ChangeSetType type) {
        String id = cloud.cfn().createChangeSet(b -> b.stackName(STACK).changeSetName(name).changeSetType(type)
                .roleARN(cloud.executionRoleArn())
                .templateBody("Resources:\n  Greeting:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: " + name + "}\n"))
                .stackId();
        waitFor(() -> cloud.cfn().describeChangeSet(b -> b.stackName(STACK).changeSetName(name)).statusAsString().equals("CREATE_COMPLETE"));
        return id;
    }

    private String status() {
        return cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatusAsString();
    }

    private static void waitFor(BooleanSupplier condition) {
        EngineRuns.waitFor("the other deployment", condition);
    }
}
