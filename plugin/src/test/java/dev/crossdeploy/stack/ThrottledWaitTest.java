package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.Retries;
import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.testing.CloudCalls;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Waits whose stack-event polls CloudFormation throttles: each throttled poll is one without
 * news and the next poll its retry, so a wait goes on however long the throttling lasts, prints
 * every event once when the reads come back, and says in its heartbeat how many polls were throttled.
 */
class ThrottledWaitTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    @TempDir
    Path dir;

    EngineRuns runs;
    final RecordingReporter reporter = new RecordingReporter();

    @BeforeEach
    void runs() { runs = new EngineRuns(cloud, dir); }

    @Test
    void aDeployWhosePollsAreThrottledLongerThanTheSdkWouldRetrySucceedsAndPrintsEveryEventOnce() {
        // Three times the attempts the shared policy gives one call: a poll retried by it would fail the deploy.
        int throttled = 3 * Retries.MAX_ATTEMPTS;
        throttle(throttled);
        Timing quick = Timing.real().withPolls(Duration.ofMillis(5), Duration.ofMillis(20));

        DeployResult result = new StackDeployer(cloud.cfn(), TemplateUploader.none(), reporter, quick).deploy(runs.request(EngineRuns.template("one")));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(throttled);
        List<StackEvent> operation = cloud.cfn().describeStackEventsPaginator(b -> b.stackName(EngineRuns.STACK)).stackEvents().stream()
                .filter(e -> e.clientRequestToken() != null && e.clientRequestToken().startsWith("crossdeploy-execute-")).toList();
        assertThat(operation).hasSize(3 * 3 - 1);  // two resources (started, initiated, complete) and the stack's own two
        // Each event printed once: the lines without their time, against the operation's events.
        List<String> printed = reporter.messages().stream().filter(ThrottledWaitTest::isEventLine)
                .map(l -> l.substring(l.indexOf(' ')).trim().replaceAll("\\s+", " ")).toList();
        assertThat(printed).containsExactlyInAnyOrderElementsOf(operation.stream().map(e -> String.join(" ", e.logicalResourceId(),
                e.resourceType(), e.resourceStatusAsString(), e.resourceStatusReason() == null ? "" : e.resourceStatusReason()).trim()).toList());
    }

    @Test
    void aWaitWhosePollsAreAllThrottledGoesOnToItsDeadlineSayingSoInItsHeartbeat() {
        // Resources that take ten seconds each in real time, while the wait's own clock races ahead.
        cloud.cloud().state().resourceDelayMillis(10_000);
        String token = "crossdeploy-execute-throttled";
        String stackId = cloud.cfn().createStack(b -> b.stackName("throttled").roleARN(cloud.executionRoleArn()).clientRequestToken(token)
                .templateBody("Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n")).stackId();
        cloud.cloud().state().faults().add(new FaultRule("cloudformation", "DescribeStackEvents", FaultKind.THROTTLE, 0, 1.0, 0));
        CloudCalls.clear(cloud.cloud().endpoint());
        ManualClock clock = new ManualClock();
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        Timing real = Timing.real();
        Timing manual = new Timing(clock, d -> { sleeps.add(d); clock.advance(d); }, real.firstPoll(), real.maxPoll(),
                real.heartbeat(), real.idlePoll());
        Instant started = clock.instant();
        StackWatcher watcher = new StackWatcher(cloud.cfn(), reporter, manual, new EventLine(24, 32));

        assertThatThrownBy(() -> watcher.await(stackId, "throttled", EventCursor.beforeOperation(cloud.cfn(), stackId, token),
                started.plus(Duration.ofMinutes(2)), "crossdeploy.timeout"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Timed out after 2m00s waiting for stack throttled (CREATE_IN_PROGRESS); CloudFormation carries on:"
                        + " watch it in the console and deploy again once it settles, or raise crossdeploy.timeout");

        long polls = CloudCalls.of(cloud.cloud().endpoint(), "cloudformation").get("DescribeStackEvents");
        assertThat(cloud.cloud().state().faults().fired()).as("every poll one call, throttled, none retried").isEqualTo(polls);
        // Throttled from the first poll, so nothing new: waits back off to the 5 s idle poll, never beyond it.
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(real.idlePoll()));
        assertThat(polls).as("polls in two minutes").isBetween(2 * 60 / 5L, 2 * 60 / 3L);
        List<String> heartbeats = reporter.messages().stream().filter(l -> l.startsWith("still waiting: ")).toList();
        assertThat(heartbeats).hasSizeBetween(3, 4).allSatisfy(l -> assertThat(l)
                .matches("still waiting: throttled CREATE_IN_PROGRESS \\((\\d+s|\\dm\\d\\ds)\\); CloudFormation throttled (\\d+) of the last \\2 polls"));
    }

    @Test
    void theHeartbeatCountsThePollsSinceTheLastLineAndSaysNothingOfThrottlingOnceItStopped() {
        cloud.cloud().state().resourceDelayMillis(10_000);
        String token = "crossdeploy-execute-throttled-for-a-while";
        String stackId = cloud.cfn().createStack(b -> b.stackName("throttled").roleARN(cloud.executionRoleArn()).clientRequestToken(token)
                .templateBody("Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n")).stackId();
        // Polls without news come at least 3 s apart after the first 6 s (24 polls at most), so 40 outlast the first heartbeat.
        throttle(40);
        ManualClock clock = new ManualClock();
        Timing real = Timing.real();
        Timing manual = new Timing(clock, clock.sleeper(), real.firstPoll(), real.maxPoll(), real.heartbeat(), real.idlePoll());
        Instant started = clock.instant();
        StackWatcher watcher = new StackWatcher(cloud.cfn(), reporter, manual, new EventLine(24, 32));

        assertThatThrownBy(() -> watcher.await(stackId, "throttled", EventCursor.beforeOperation(cloud.cfn(), stackId, token),
                started.plus(Duration.ofMinutes(5)), "crossdeploy.timeout"))
                .isInstanceOf(CrossdeployException.class).hasMessageStartingWith("Timed out after 5m00s waiting for stack throttled");

        List<String> lines = reporter.messages();
        int firstEvent = lines.indexOf(lines.stream().filter(ThrottledWaitTest::isEventLine).findFirst().orElseThrow());
        Pattern throttledHeartbeat = Pattern.compile(
                "still waiting: throttled (UNKNOWN|CREATE_IN_PROGRESS) \\((\\d+s|\\dm\\d\\ds)\\); CloudFormation throttled (\\d+) of the last \\3 polls");
        List<String> before = lines.subList(0, firstEvent);
        assertThat(before).as("while throttled").isNotEmpty().allMatch(l -> throttledHeartbeat.matcher(l).matches());
        assertThat(before.stream().mapToInt(l -> {
            Matcher m = throttledHeartbeat.matcher(l);
            return m.matches() ? Integer.parseInt(m.group(3)) : 0;
        }).sum()).as("each throttled poll counted in one heartbeat at most").isLessThanOrEqualTo(40);
        assertThat(lines.subList(firstEvent, lines.size())).as("once answered")
                .filteredOn(l -> l.startsWith("still waiting: ")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("still waiting: throttled CREATE_IN_PROGRESS \\(\\dm\\d\\ds\\)"));
    }

    /** A stack event as the wait prints it: its time first. */
    private static boolean isEventLine(String line) {
        return line.matches("\\d\\d:\\d\\d:\\d\\d .*");
    }

    private static void throttle(int times) {
        cloud.cloud().state().faults().add(FaultRule.next(times, "cloudformation", "DescribeStackEvents", FaultKind.THROTTLE));
    }
}
