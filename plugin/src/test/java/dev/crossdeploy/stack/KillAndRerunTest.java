package dev.crossdeploy.stack;

import dev.crossdeploy.localcloud.faults.Holds;
import dev.crossdeploy.testing.KilledRun;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.crossdeploy.stack.EngineRuns.failing;
import static dev.crossdeploy.stack.EngineRuns.template;
import static dev.crossdeploy.testing.KilledRun.killedAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed at a point of a deploy or delete (stopped dead at a request the local cloud
 * holds), then a fresh plain run: it converges, leaving a settled stack and no change sets.
 * The killed run at the upload point is in {@code upload.KilledUploadTest}.
 */
class KillAndRerunTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    @TempDir
    Path dir;

    EngineRuns runs;
    final RecordingReporter rerun = new RecordingReporter();

    @BeforeEach
    void runs() { runs = new EngineRuns(cloud, dir); }

    @Test
    void killedRightAfterCreateChangeSet() throws Exception {
        Holds.Hold describe = runs.hold("DescribeChangeSet");
        try (KilledRun killed = killedAt(describe, () -> runs.deploy(template("one"), new RecordingReporter()))) {
            assertThat(runs.status()).isEqualTo("REVIEW_IN_PROGRESS");

            DeployResult result = runs.deploy(template("one"), rerun);

            assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
            assertThat(runs.changeSets()).isZero();
        }
    }

    @Test
    void killedRightAfterCreateChangeSetOfAnUpdateThatTurnsOutToChangeNothing() throws Exception {
        runs.deploy(template("one"), new RecordingReporter());
        Holds.Hold describe = runs.hold("DescribeChangeSet");
        try (KilledRun killed = killedAt(describe, () -> runs.deploy(template("two"), new RecordingReporter()))) {

            DeployResult result = runs.deploy(template("one"), rerun);

            assertThat(result.changed()).isFalse();
            assertThat(runs.changeSets()).isZero();
            assertThat(rerun.messages()).anySatisfy(l -> assertThat(l)
                    .matches("Deleted change set crossdeploy-\\S+, left by an earlier run that did not finish"));
        }
    }

    @Test
    void killedWhileEventsStream() throws Exception {
        // Long enough for the rerun to find the creation still running, even in a cold JVM.
        cloud.cloud().state().resourceDelayMillis(2000);
        Holds.Hold execute = runs.hold("ExecuteChangeSet");
        try (KilledRun killed = killedAt(execute, () -> runs.deploy(template("one"), new RecordingReporter()))
                .movedTo(execute, runs.hold("DescribeStackEvents"))) {
            assertThat(runs.status()).isEqualTo("CREATE_IN_PROGRESS");

            DeployResult result = runs.deploy(template("one"), rerun);

            assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
            assertThat(result.changed()).isFalse();
            assertThat(rerun.messages()).contains("Waiting for another deployment of orders-staging (CREATE_IN_PROGRESS)");
            assertThat(runs.changeSets()).isZero();
        }
    }

    @Test
    void killedDuringARollback() throws Exception {
        cloud.cloud().state().resourceDelayMillis(300);
        Holds.Hold execute = runs.hold("ExecuteChangeSet");
        try (KilledRun killed = killedAt(execute, () -> runs.deploy(failing("one"), new RecordingReporter()))
                .movedTo(execute, runs.hold("DescribeStackEvents"))) {
            EngineRuns.waitFor("the rollback", () -> runs.status().equals("ROLLBACK_IN_PROGRESS"));

            DeployResult result = runs.deploy(template("two"), rerun);

            assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
            assertThat(runs.deployedGreeting()).contains("Value: two");
            assertThat(rerun.messages()).contains(
                    "Waiting for another deployment of orders-staging (ROLLBACK_IN_PROGRESS)",
                    "Stack orders-staging is in ROLLBACK_COMPLETE (its first deployment failed); deleting it and creating it again");
            assertThat(runs.changeSets()).isZero();
        }
    }

    @Test
    void killedDuringDeleteStack() throws Exception {
        runs.deploy(template("one"), new RecordingReporter());
        String stackId = cloud.cfn().describeStacks(b -> b.stackName(EngineRuns.STACK)).stacks().get(0).stackId();
        cloud.cloud().state().resourceDelayMillis(2000);
        Holds.Hold delete = runs.hold("DeleteStack");
        try (KilledRun killed = killedAt(delete, () -> runs.delete(new RecordingReporter()))
                .movedTo(delete, runs.hold("DescribeStackEvents"))) {
            assertThat(runs.status()).isEqualTo("DELETE_IN_PROGRESS");

            assertThat(runs.delete(rerun)).isTrue();

            assertThat(cloud.cfn().describeStacks(b -> b.stackName(stackId)).stacks().get(0).stackStatusAsString())
                    .isEqualTo("DELETE_COMPLETE");
            assertThat(rerun.messages()).startsWith(
                    "Stack orders-staging is already being deleted (DELETE_IN_PROGRESS); waiting for it to be gone")
                    .endsWith("Stack orders-staging deleted")
                    .noneMatch(l -> l.startsWith("Deleting stack"));
        }
    }
}
