package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.localcloud.faults.Holds;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.crossdeploy.stack.EngineRuns.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two deploys of the same stack at once, interleaved at exact calls by requests the local cloud
 * holds: the one that is overtaken waits for the other and deploys its own change set after it.
 */
class ConcurrentDeploysTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    @TempDir
    Path dir;

    EngineRuns runs;
    final RecordingReporter first = new RecordingReporter();
    final RecordingReporter second = new RecordingReporter();

    @BeforeEach
    void runs() { runs = new EngineRuns(cloud, dir); }

    CompletableFuture<DeployResult> inBackground(String template, RecordingReporter reporter) {
        return CompletableFuture.supplyAsync(() -> runs.deploy(template, reporter));
    }

    /**
     * Lets the held call go once the other deployment is executing, and lets that deployment
     * finish only once {@code waiter} has said it waits for it: the stack stays busy (a resource
     * delay of a minute, read again while it runs) exactly as long as the test needs, whatever
     * the machine's load.
     */
    void releaseWhileTheOtherRuns(Holds.Hold held, String inProgress, RecordingReporter waiter) {
        EngineRuns.waitFor("stack " + inProgress, () -> runs.status().equals(inProgress));
        held.release();
        EngineRuns.waitFor("the waiting line", () -> waiter.messages().stream().anyMatch(l -> l.startsWith("Waiting for another deployment")));
        cloud.cloud().state().resourceDelayMillis(0);
    }

    @RepeatedTest(3)
    void aDeployWhoseChangeSetTheOtherExecutedWaitsForItAndDeploysItsOwnAfter() throws Exception {
        runs.deploy(template("one"), new RecordingReporter());
        Holds.Hold execute = runs.hold("ExecuteChangeSet");
        CompletableFuture<DeployResult> a = inBackground(template("two"), first);
        assertThat(execute.awaitArrival(Duration.ofSeconds(20))).isTrue();
        cloud.cloud().state().resourceDelayMillis(60_000);

        CompletableFuture<DeployResult> b = inBackground(template("three"), second);
        releaseWhileTheOtherRuns(execute, "UPDATE_IN_PROGRESS", first);

        assertThat(b.get(60, TimeUnit.SECONDS).status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(a.get(60, TimeUnit.SECONDS).status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(runs.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(runs.deployedGreeting()).contains("Value: two");
        assertThat(first.messages()).filteredOn(l -> l.startsWith("Waiting for another deployment"))
                .containsExactly("Waiting for another deployment of orders-staging (UPDATE_IN_PROGRESS)");
        assertThat(first.messages()).anySatisfy(l -> assertThat(l).matches(
                "Another deployment of orders-staging changed the stack first \\(ChangeSetNotFound: ChangeSet \\[.*\\] does not exist\\); creating a new change set"));
        assertThat(runs.changeSets()).isZero();
    }

    @RepeatedTest(3)
    void aDeployThatMeetsTheStackBusyAtCreateChangeSetWaitsForTheOther() throws Exception {
        runs.deploy(template("one"), new RecordingReporter());
        Holds.Hold execute = runs.hold("ExecuteChangeSet");
        CompletableFuture<DeployResult> a = inBackground(template("two"), first);
        assertThat(execute.awaitArrival(Duration.ofSeconds(20))).isTrue();
        Holds.Hold create = runs.hold("CreateChangeSet");
        CompletableFuture<DeployResult> b = inBackground(template("three"), second);
        assertThat(create.awaitArrival(Duration.ofSeconds(20))).isTrue();
        cloud.cloud().state().resourceDelayMillis(60_000);

        execute.release();
        releaseWhileTheOtherRuns(create, "UPDATE_IN_PROGRESS", second);

        assertThat(a.get(60, TimeUnit.SECONDS).status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(b.get(60, TimeUnit.SECONDS).status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(runs.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(runs.deployedGreeting()).contains("Value: three");
        assertThat(second.messages()).anySatisfy(l -> assertThat(l).matches(
                "Another deployment of orders-staging changed the stack first \\(ValidationError: Stack:arn:\\S+ is in UPDATE_IN_PROGRESS state and can not be updated\\.\\); creating a new change set"));
        assertThat(second.messages()).filteredOn(l -> l.startsWith("Waiting for another deployment"))
                .containsExactly("Waiting for another deployment of orders-staging (UPDATE_IN_PROGRESS)");
    }

    @RepeatedTest(3)
    void twoFirstDeploysCreateTheStackOnceAndNeitherDeletesTheOthers() throws Exception {
        Holds.Hold execute = runs.hold("ExecuteChangeSet");
        CompletableFuture<DeployResult> a = inBackground(template("two"), first);
        assertThat(execute.awaitArrival(Duration.ofSeconds(20))).isTrue();
        assertThat(runs.status()).isEqualTo("REVIEW_IN_PROGRESS");
        cloud.cloud().state().resourceDelayMillis(60_000);

        CompletableFuture<DeployResult> b = inBackground(template("three"), second);
        releaseWhileTheOtherRuns(execute, "CREATE_IN_PROGRESS", first);

        DeployResult created = b.get(60, TimeUnit.SECONDS);
        assertThat(created.status()).isEqualTo("CREATE_COMPLETE");
        DeployResult updated = a.get(60, TimeUnit.SECONDS);
        assertThat(updated.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(updated.stackId()).isEqualTo(created.stackId());
        assertThat(runs.deployedGreeting()).contains("Value: two");
        assertThat(second.messages()).contains(
                "Stack orders-staging is in REVIEW_IN_PROGRESS (created, never deployed); creating it with a new change set");
        assertThat(first.messages()).contains("Waiting for another deployment of orders-staging (CREATE_IN_PROGRESS)");
        assertThat(String.join("\n", first.messages()) + String.join("\n", second.messages())).doesNotContain("Deleting", "deleting it");
    }

    @Test
    void aDeployWhoseChangeSetFailsLeavesTheStackAnotherRunIsCreating() throws Exception {
        Holds.Hold execute = runs.hold("ExecuteChangeSet");
        CompletableFuture<DeployResult> a = inBackground(template("two"), first);
        assertThat(execute.awaitArrival(Duration.ofSeconds(20))).isTrue();

        assertThatThrownBy(() -> runs.deploy(template("three").replace("AWS::Logs::LogGroup", "AWS::Logs::NoSuchThing"), second))
                .isInstanceOf(CrossdeployException.class);
        assertThat(runs.status()).isEqualTo("REVIEW_IN_PROGRESS");

        execute.release();
        assertThat(a.get(60, TimeUnit.SECONDS).status()).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    void aDeployOvertakenAgainAndAgainGivesUpWithOneLine() throws Exception {
        runs.deploy(template("one"), new RecordingReporter());
        Holds.Hold execute = runs.hold("ExecuteChangeSet");
        CompletableFuture<DeployResult> a = inBackground(template("two"), first);
        for (int round = 1; round <= StackDeployer.MAX_ROUNDS; round++) {
            assertThat(execute.awaitArrival(Duration.ofSeconds(20))).isTrue();
            executeAnotherChangeSet("other" + round);
            Holds.Hold held = execute;
            execute = runs.hold("ExecuteChangeSet");
            held.release();
        }

        assertThatThrownBy(() -> a.get(60, TimeUnit.SECONDS)).cause().isInstanceOf(CrossdeployException.class)
                .message().matches("Stack orders-staging kept changing under this deployment \\(5 tries; last: ChangeSetNotFound: "
                        + "ChangeSet \\[\\S+\\] does not exist\\): other deployments of it are running; deploy again once they have finished");
        execute.release();
        assertThat(runs.status()).isEqualTo("UPDATE_COMPLETE");
    }

    /** What another pipeline does: a change set of its own, executed, waited for. */
    void executeAnotherChangeSet(String value) {
        String name = "other-" + value;
        cloud.cfn().createChangeSet(b -> b.stackName(EngineRuns.STACK).changeSetName(name).changeSetType("UPDATE")
                .roleARN(cloud.executionRoleArn()).templateBody(template(value)).parameters(
                        p -> p.parameterKey("Stage").parameterValue("staging"), p -> p.parameterKey("ArtifactKey").parameterValue("k")));
        EngineRuns.waitFor("change set " + name, () -> "CREATE_COMPLETE".equals(
                cloud.cfn().describeChangeSet(b -> b.stackName(EngineRuns.STACK).changeSetName(name)).statusAsString()));
        cloud.cfn().executeChangeSet(b -> b.stackName(EngineRuns.STACK).changeSetName(name));
        EngineRuns.waitFor("the other deployment", () -> runs.status().equals("UPDATE_COMPLETE"));
    }
}
