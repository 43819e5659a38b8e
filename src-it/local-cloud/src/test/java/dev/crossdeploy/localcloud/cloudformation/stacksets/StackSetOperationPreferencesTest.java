package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.cloudformation.TestRecordHandler;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ConcurrencyMode;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.RegionConcurrencyType;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationPreferences;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationStatus;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operation preferences as CloudFormation applies them: how many accounts deploy at once
 * (counted while every deployment is held at a gate the test opens), strict and soft failure
 * tolerance, percentages rounding down, region order, and parallel regions.
 */
class StackSetOperationPreferencesTest {
    /** Each record waits for the gate named after its run, account and region; the doomed accounts' records then fail. */
    private static final String GATED = """
            Parameters:
              Run: {Type: String}
              Doomed1: {Type: String, Default: none}
              Doomed2: {Type: String, Default: none}
            Conditions:
              Doomed: !Or [!Equals [!Ref Doomed1, !Ref AWS::AccountId], !Equals [!Ref Doomed2, !Ref AWS::AccountId]]
            Resources:
              R:
                Type: Test::Record
                Properties:
                  Gate: !Sub ${Run}-${AWS::AccountId}-${AWS::Region}
                  Fail: !If [Doomed, true, false]
            """;

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private StackSetWorld world;
    private CloudFormationClient cfn;
    private final String run = UUID.randomUUID().toString();

    @BeforeEach
    void accounts() {
        world = new StackSetWorld(cloud).administrationRole();
        StackSetWorld.accounts(20).forEach(world::executionRole);
        cfn = world.cfn;
        cfn.createStackSet(r -> r.stackSetName("gated").templateBody(GATED)
                .parameters(Parameter.builder().parameterKey("Run").parameterValue(run).build()));
    }

    @Test
    void noMoreAccountsThanMaxConcurrentDeployAtOnce() {
        assertPeakConcurrency(20, 4, p -> p.maxConcurrentCount(4).failureToleranceCount(3));
    }

    @Test
    void strictToleranceCapsConcurrencyAtToleranceplusOne() {
        assertPeakConcurrency(20, 3, p -> p.maxConcurrentCount(10).failureToleranceCount(2));
    }

    @Test
    void strictToleranceLowersConcurrencyAsFailuresComeIn() {
        List<String> accounts = StackSetWorld.accounts(20);
        world.await("gated", cfn.updateStackSet(r -> r.stackSetName("gated").usePreviousTemplate(true).parameters(
                Parameter.builder().parameterKey("Run").usePreviousValue(true).build(),
                Parameter.builder().parameterKey("Doomed1").parameterValue(accounts.get(0)).build(),
                Parameter.builder().parameterKey("Doomed2").parameterValue(accounts.get(5)).build())).operationId());
        String op = cfn.createStackInstances(r -> r.stackSetName("gated").accounts(accounts).regions("us-east-1")
                .operationPreferences(p -> p.maxConcurrentCount(10).failureToleranceCount(2))).operationId();

        // Tolerance 2: three at once, two after the first failure, one after the second.
        List<Integer> waves = new java.util.ArrayList<>();
        StackSetWorld.until(() -> {
            List<StackSetOperationResultSummary> results = world.results("gated", op);
            List<StackSetOperationResultSummary> running = results.stream()
                    .filter(r -> r.status() == StackSetOperationResultStatus.RUNNING).toList();
            long failed = results.stream().filter(r -> r.status() == StackSetOperationResultStatus.FAILED).count();
            long notDone = results.stream().filter(r -> r.status() == StackSetOperationResultStatus.PENDING).count() + running.size();
            assertThat(running.size() + failed).as("running plus failed").isLessThanOrEqualTo(3);
            if (!running.isEmpty() && running.size() == Math.min(3 - failed, notDone)) {
                waves.add(running.size());
                running.forEach(r -> TestRecordHandler.open(run + "-" + r.account() + "-us-east-1"));
            }
            return notDone == 0;
        });
        assertThat(world.await("gated", op).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
        assertThat(waves.get(0)).isEqualTo(3);
        assertThat(waves).containsSubsequence(3, 2, 1).endsWith(1);
    }

    @Test
    void softToleranceRunsAtMaxConcurrentWhateverTheTolerance() {
        assertPeakConcurrency(20, 5, p -> p.maxConcurrentCount(5).failureToleranceCount(0)
                .concurrencyMode(ConcurrencyMode.SOFT_FAILURE_TOLERANCE));
    }

    @Test
    void percentagesRoundDown() {
        // 25% of 10 accounts is 2.5 → 2; a tolerance of 19% of 10 is 1, so strict mode allows 2.
        assertPeakConcurrency(10, 2, p -> p.maxConcurrentPercentage(25).failureTolerancePercentage(19));
    }

    @Test
    void regionsRunOneAfterAnotherInTheGivenOrder() {
        List<String> accounts = StackSetWorld.accounts(2);
        String op = cfn.createStackInstances(r -> r.stackSetName("gated").accounts(accounts).regions("us-east-1", "eu-west-1")
                .operationPreferences(p -> p.regionOrder("eu-west-1", "us-east-1").maxConcurrentCount(2).failureToleranceCount(1))).operationId();

        StackSetWorld.until(() -> running(op).size() == 2);
        assertThat(running(op)).allSatisfy(r -> assertThat(r.region()).isEqualTo("eu-west-1"));
        assertThat(world.results("gated", op)).filteredOn(r -> r.region().equals("us-east-1"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(StackSetOperationResultStatus.PENDING));
        accounts.forEach(a -> TestRecordHandler.open(run + "-" + a + "-eu-west-1"));

        StackSetWorld.until(() -> running(op).size() == 2 && running(op).get(0).region().equals("us-east-1"));
        assertThat(world.results("gated", op)).filteredOn(r -> r.region().equals("eu-west-1"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(StackSetOperationResultStatus.SUCCEEDED));
        accounts.forEach(a -> TestRecordHandler.open(run + "-" + a + "-us-east-1"));
        assertThat(world.await("gated", op).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
    }

    @Test
    void parallelRegionsDeployAtTheSameTime() {
        List<String> accounts = StackSetWorld.accounts(2);
        String op = cfn.createStackInstances(r -> r.stackSetName("gated").accounts(accounts).regions("us-east-1", "eu-west-1")
                .operationPreferences(p -> p.regionConcurrencyType(RegionConcurrencyType.PARALLEL)
                        .maxConcurrentCount(2).failureToleranceCount(1))).operationId();

        StackSetWorld.until(() -> running(op).size() == 4);
        for (String region : List.of("us-east-1", "eu-west-1")) accounts.forEach(a -> TestRecordHandler.open(run + "-" + a + "-" + region));
        assertThat(world.await("gated", op).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
        assertThat(cfn.describeStackSetOperation(r -> r.stackSetName("gated").operationId(op)).stackSetOperation()
                .operationPreferences().regionConcurrencyType()).isEqualTo(RegionConcurrencyType.PARALLEL);
    }

    @Test
    void aRegionThatExceedsItsToleranceCancelsTheRegionsAfterIt() {
        String broken = "900000000042";
        cfn.createStackSet(r -> r.stackSetName("plain").templateBody(StackSetRolloutTest.TEMPLATE));
        String op = cfn.createStackInstances(r -> r.stackSetName("plain").accounts(StackSetWorld.STAGING, broken)
                .regions("us-east-1", "eu-west-1").operationPreferences(p -> p.maxConcurrentCount(1))).operationId();

        assertThat(world.await("plain", op).status()).isEqualTo(StackSetOperationStatus.FAILED);
        List<StackSetOperationResultSummary> results = world.results("plain", op);
        assertThat(results).extracting(r -> r.region() + " " + r.account() + " " + r.status()).containsExactly(
                "us-east-1 " + StackSetWorld.STAGING + " SUCCEEDED", "us-east-1 " + broken + " FAILED",
                "eu-west-1 " + StackSetWorld.STAGING + " CANCELLED", "eu-west-1 " + broken + " CANCELLED");
    }

    @Test
    void conflictingPreferencesAreRefused() {
        assertThatThrownBy(() -> cfn.createStackInstances(r -> r.stackSetName("gated").accounts(StackSetWorld.STAGING)
                .regions("us-east-1").operationPreferences(p -> p.failureToleranceCount(1).failureTolerancePercentage(10))))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageStartingWith("You must specify either FailureToleranceCount or FailureTolerancePercentage, but not both.");
        assertThatThrownBy(() -> cfn.createStackInstances(r -> r.stackSetName("gated").accounts(StackSetWorld.STAGING)
                .regions("us-east-1").operationPreferences(p -> p.maxConcurrentCount(0))))
                .hasMessageStartingWith("1 validation error detected: Value '0' at 'operationPreferences.maxConcurrentCount' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertThat(cfn.listStackSetOperations(r -> r.stackSetName("gated")).summaries()).isEmpty();
    }

    /**
     * Starts an operation over {@code count} accounts whose deployments wait at their gates: checks
     * that no more than {@code expected} ever run at once and that each wave fills up to exactly
     * that many (or what is left) before the test lets it through.
     */
    private void assertPeakConcurrency(int count, int expected, Consumer<StackSetOperationPreferences.Builder> prefs) {
        List<String> accounts = StackSetWorld.accounts(count);
        String op = cfn.createStackInstances(r -> r.stackSetName("gated").accounts(accounts).regions("us-east-1")
                .operationPreferences(prefs)).operationId();
        int[] peak = {0};
        StackSetWorld.until(() -> {
            List<StackSetOperationResultSummary> results = world.results("gated", op);
            List<StackSetOperationResultSummary> running = results.stream()
                    .filter(r -> r.status() == StackSetOperationResultStatus.RUNNING).toList();
            long notDone = results.stream().filter(r -> r.status() == StackSetOperationResultStatus.PENDING).count() + running.size();
            peak[0] = Math.max(peak[0], running.size());
            assertThat(running.size()).as("deployments running at once").isLessThanOrEqualTo(expected);
            if (!running.isEmpty() && running.size() == Math.min(expected, notDone)) {
                running.forEach(r -> TestRecordHandler.open(run + "-" + r.account() + "-us-east-1"));
            }
            return notDone == 0;
        });
        assertThat(peak[0]).isEqualTo(expected);
        assertThat(world.await("gated", op).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
    }

    private List<StackSetOperationResultSummary> running(String op) {
        return world.results("gated", op).stream().filter(r -> r.status() == StackSetOperationResultStatus.RUNNING).toList();
    }
}
