package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.stage.Stage;
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

/** Stacks left behind by earlier runs: never deployed, failed, or still busy. */
class StackRecoveryTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    static final String STACK = StackDeployerTest.STACK;
    static final Timing FAST = Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(200));

    @TempDir
    Path dir;

    final RecordingReporter reporter = new RecordingReporter();

    DeployRequest request(String template, boolean dryRun) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, template);
        return new DeployRequest(cloud.stage("staging", Map.of(), false), STACK, file, StackDeployerTest.ARTIFACT,
                null, Set.of(), dryRun, Duration.ofMinutes(5), dir.resolve("out"));
    }

    StackDeployer deployer() { return new StackDeployer(cloud.cfn(), TemplateUploader.none(), reporter, FAST); }

    String status() { return cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatusAsString(); }

    /** A CREATE change set that nobody executed leaves the stack in REVIEW_IN_PROGRESS. */
    void leaveStackInReview() {
        cloud.cfn().createChangeSet(b -> b.stackName(STACK).changeSetName("abandoned").changeSetType("CREATE")
                .templateBody("Resources:\n  Logs: {Type: AWS::Logs::LogGroup}\n"));
        waitFor(() -> "CREATE_COMPLETE".equals(cloud.cfn().describeChangeSet(b -> b.stackName(STACK).changeSetName("abandoned")).statusAsString()));
        assertThat(status()).isEqualTo("REVIEW_IN_PROGRESS");
    }

    @Test
    void aStackThatWasNeverDeployedIsCreatedInPlaceAndTheAbandonedChangeSetGoes() throws Exception {
        leaveStackInReview();
        String stackId = cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackId();

        DeployResult result = deployer().deploy(request(StackDeployerTest.TABLE_TEMPLATE, false));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(result.stackId()).isEqualTo(stackId);
        assertThat(cloud.cfn().listChangeSets(b -> b.stackName(STACK)).summaries()).isEmpty();
        assertThat(reporter.messages()).contains(
                "Stack orders-staging is in REVIEW_IN_PROGRESS (created, never deployed); creating it with a new change set");
    }

    @Test
    void dryRunLeavesAFailedFirstDeploymentForTheRealOne() throws Exception {
        assertThatThrownBy(() -> deployer().deploy(request(StackDeployerTest.BROKEN_TABLE_TEMPLATE, false)))
                .isInstanceOf(CrossdeployException.class);
        reporter.clear();

        DeployResult result = deployer().deploy(request(StackDeployerTest.TABLE_TEMPLATE, true));

        assertThat(result.status()).isEqualTo("DRY_RUN");
        assertThat(status()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(reporter.messages()).contains(
                "Dry run: stack orders-staging is in ROLLBACK_COMPLETE; a real deployment deletes and recreates it. Nothing changed.");
    }

    @Test
    void aBusyStackIsWaitedForFirst() throws Exception {
        cloud.cloud().state().resourceDelayMillis(200);
        cloud.cfn().createChangeSet(b -> b.stackName(STACK).changeSetName("other-pipeline").changeSetType("CREATE")
                .roleARN(cloud.executionRoleArn())
                .templateBody("Resources:\n  A: {Type: AWS::Logs::LogGroup}\n  B: {Type: AWS::Logs::LogGroup}\n  C: {Type: AWS::Logs::LogGroup}\n"));
        waitFor(() -> "CREATE_COMPLETE".equals(cloud.cfn().describeChangeSet(b -> b.stackName(STACK).changeSetName("other-pipeline")).statusAsString()));
        cloud.cfn().executeChangeSet(b -> b.stackName(STACK).changeSetName("other-pipeline"));

        DeployResult result = deployer().deploy(request(StackDeployerTest.TABLE_TEMPLATE, false));

        assertThat(result.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(reporter.messages()).anySatisfy(l -> assertThat(l)
                .isEqualTo("Waiting for another deployment of orders-staging (CREATE_IN_PROGRESS)"));
    }

    /** Polls a condition the cloud reaches asynchronously, for at most ten seconds. */
    static void waitFor(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not reached within 10s");
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
