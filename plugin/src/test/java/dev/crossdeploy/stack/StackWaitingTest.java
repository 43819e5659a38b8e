package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Long waits on a manual clock: resources here take seconds to settle in real time while the
 * engine's clock races ahead, so heartbeats and the timeout show without waiting for them.
 */
class StackWaitingTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud(5_000);

    @TempDir
    Path dir;

    @Test
    void longWaitsSayTheyAreStillWaitingAndGiveUpAtTheTimeout() throws Exception {
        ManualClock clock = new ManualClock();
        RecordingReporter reporter = new RecordingReporter();
        Timing timing = new Timing(clock, clock.sleeper(), Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30));
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, StackDeployerTest.TABLE_TEMPLATE);
        DeployRequest request = new DeployRequest(cloud.stage("staging", Map.of(), false), "slow-stack", file,
                StackDeployerTest.ARTIFACT, null, Set.of(), false, Duration.ofMinutes(2), dir);

        assertThatThrownBy(() -> new StackDeployer(cloud.cfn(), TemplateUploader.none(), reporter, timing).deploy(request))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageMatching("Timed out after (1m5\\d|2m00)s waiting for stack slow-stack \\(CREATE_IN_PROGRESS\\); CloudFormation carries on:"
                        + " watch it in the console and deploy again once it settles, or raise crossdeploy.timeout");

        // The manual clock also runs while the change set is being created, which takes real
        // time: how much of the two minutes is left for the stack's own wait depends on the machine.
        assertThat(reporter.messages()).filteredOn(l -> l.startsWith("still waiting: "))
                .hasSizeBetween(1, 4)
                .allSatisfy(l -> assertThat(l).matches("still waiting: slow-stack CREATE_IN_PROGRESS \\(\\d+m?\\d*s\\)"));
    }
}
