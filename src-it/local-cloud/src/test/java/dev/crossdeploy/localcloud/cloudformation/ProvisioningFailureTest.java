package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisioningFailureTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudFormationClient cfn;
    private StackDriver driver;

    @BeforeEach
    void clients() {
        cfn = cloud.as("staging").cloudFormation();
        driver = new StackDriver(cfn);
    }

    @Test
    void failedCreationRollsBackAndCancelsResourcesInFlight() {
        String gate = "gate-" + System.nanoTime();
        String template = """
                Resources:
                  Good:
                    Type: Test::Record
                  Slow:
                    Type: Test::Record
                    Properties: {Gate: %s}
                  Bad:
                    Type: Test::Record
                    DependsOn: Good
                    Properties: {Fail: true, Reason: "Quota exceeded for records"}
                  After:
                    Type: Test::Record
                    DependsOn: Bad
                """.formatted(gate);
        driver.changeSet("rb", "c", ChangeSetType.CREATE, template, b -> { });
        driver.awaitChangeSet("rb", "c");
        cfn.executeChangeSet(r -> r.stackName("rb").changeSetName("c"));
        StackDriver.await(() -> driver.eventLines("rb"), l -> l.contains("Bad CREATE_FAILED Quota exceeded for records"), "Bad to fail");
        TestRecordHandler.open(gate);
        var stack = driver.settle("rb");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        List<String> lines = driver.eventLines("rb");
        assertThat(lines).containsSubsequence(
                "rb CREATE_IN_PROGRESS User Initiated",
                "Good CREATE_COMPLETE",
                "Bad CREATE_IN_PROGRESS",
                "Bad CREATE_FAILED Quota exceeded for records",
                "Slow CREATE_FAILED Resource creation cancelled",
                "rb ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Bad]. Rollback requested by user.",
                "rb ROLLBACK_COMPLETE");
        assertThat(lines).containsSubsequence("rb ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Bad]. Rollback requested by user.",
                "Good DELETE_IN_PROGRESS", "Good DELETE_COMPLETE", "rb ROLLBACK_COMPLETE");
        assertThat(lines).containsSubsequence("rb ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Bad]. Rollback requested by user.",
                "Slow DELETE_COMPLETE", "rb ROLLBACK_COMPLETE");
        assertThat(lines).noneMatch(l -> l.startsWith("After "));
        assertThat(TestRecordHandler.LIVE.keySet()).noneMatch(k -> k.startsWith("rb-"));

        assertThatThrownBy(() -> driver.changeSet("rb", "u", ChangeSetType.UPDATE, template, b -> { }))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Stack:" + stack.stackId() + " is in ROLLBACK_COMPLETE state and can not be updated.");
                });
        cfn.deleteStack(r -> r.stackName("rb"));
        assertThat(driver.await(() -> cfn.describeStacks(r -> r.stackName(stack.stackId())).stacks().get(0),
                s -> s.stackStatus() == StackStatus.DELETE_COMPLETE, "deletion").deletionTime()).isNotNull();
    }

    @Test
    void validationProblemsFromTheTypeFailTheResource() {
        var stack = driver.deploy("app", """
                Resources:
                  R: {Type: Test::Record, Properties: {Invalid: 1}}
                """);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).contains(
                "R CREATE_FAILED Properties validation failed for resource R with message: [#: extraneous key [Invalid] is not permitted]");
    }

    static final String V1 = """
            Parameters:
              Value: {Type: String, Default: one}
            Resources:
              Stable: {Type: Test::Record, Properties: {Value: !Ref Value}}
              Swap: {Type: Test::Record, Properties: {Kind: a}}
            Outputs:
              V: {Value: !Ref Value}
            """;

    @Test
    void failedUpdateRestoresThePreviousState() {
        driver.deploy("app", V1);
        String stable = physical("Stable");
        String swap = physical("Swap");
        var stack = driver.deploy("app", """
                Parameters:
                  Value: {Type: String, Default: one}
                Resources:
                  Stable: {Type: Test::Record, Properties: {Value: !Ref Value}}
                  Swap: {Type: Test::Record, Properties: {Kind: b}}
                  Extra: {Type: Test::Record}
                  Broken: {Type: Test::Record, DependsOn: [Swap, Extra, Stable], Properties: {Fail: true, Reason: nope}}
                Outputs:
                  V: {Value: !Ref Value}
                """, b -> b.parameters(StackDriver.param("Value", "two")));

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(stack.parameters().get(0).parameterValue()).isEqualTo("one");
        assertThat(stack.outputs().get(0).outputValue()).isEqualTo("one");
        assertThat(physical("Stable")).isEqualTo(stable);
        assertThat(physical("Swap")).isEqualTo(swap);
        assertThat(TestRecordHandler.LIVE.get(stable)).containsEntry("Value", "one");
        assertThat(TestRecordHandler.LIVE).containsKey(swap);
        assertThat(cfn.listStackResources(r -> r.stackName("app")).stackResourceSummaries())
                .extracting(s -> s.logicalResourceId()).containsExactlyInAnyOrder("Stable", "Swap");
        List<String> lines = driver.eventLines("app");
        List<String> update = lines.subList(lines.indexOf("app UPDATE_IN_PROGRESS User Initiated"), lines.size());
        assertThat(update).containsSubsequence(
                "Broken CREATE_FAILED nope",
                "app UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Broken].",
                "Stable UPDATE_IN_PROGRESS",
                "Stable UPDATE_COMPLETE",
                "app UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                "Extra DELETE_COMPLETE",
                "app UPDATE_ROLLBACK_COMPLETE");
        assertThat(update).containsSubsequence("app UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "Swap DELETE_IN_PROGRESS",
                "Swap DELETE_COMPLETE", "app UPDATE_ROLLBACK_COMPLETE");

        // The stack can be updated again after a rolled-back update.
        assertThat(driver.deploy("app", V1, StackDriver.param("Value", "three")).stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    }

    @Test
    void failedInPlaceUpdateReportsFailedToUpdate() {
        driver.deploy("app", """
                Resources:
                  R: {Type: Test::Record, Properties: {Value: a}}
                """);
        var stack = driver.deploy("app", """
                Resources:
                  R: {Type: Test::Record, Properties: {Value: b, FailUpdate: true, Reason: denied}}
                """);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).containsSubsequence("R UPDATE_FAILED denied",
                "app UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to update: [R].");
    }

    @Test
    void customNamedResourceCannotBeReplaced() {
        driver.deploy("app", """
                Resources:
                  R: {Type: Test::Record, Properties: {RecordName: my-record, Kind: a}}
                """);
        var stack = driver.deploy("app", """
                Resources:
                  R: {Type: Test::Record, Properties: {RecordName: my-record, Kind: b}}
                """);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).contains("R UPDATE_FAILED CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename my-record and update the stack again.");
        assertThat(TestRecordHandler.LIVE.get("my-record")).containsEntry("Kind", "a");
    }

    @Test
    void retainPoliciesLeaveResourcesAlive() {
        driver.deploy("app", """
                Resources:
                  Kept: {Type: Test::Record, DeletionPolicy: Retain}
                  Snap: {Type: Test::Record, DeletionPolicy: Snapshot}
                  Swapped: {Type: Test::Record, UpdateReplacePolicy: Retain, Properties: {Kind: a}}
                  Plain: {Type: Test::Record}
                """);
        String kept = physical("Kept");
        String snap = physical("Snap");
        String swapped = physical("Swapped");
        String plain = physical("Plain");
        driver.deploy("app", """
                Resources:
                  Kept: {Type: Test::Record, DeletionPolicy: Retain}
                  Snap: {Type: Test::Record, DeletionPolicy: Snapshot}
                  Swapped: {Type: Test::Record, UpdateReplacePolicy: Retain, Properties: {Kind: b}}
                  Plain: {Type: Test::Record}
                """);
        assertThat(TestRecordHandler.LIVE).containsKey(swapped);
        assertThat(driver.eventLines("app")).contains("Swapped DELETE_SKIPPED");
        String stackId = driver.stack("app").stackId();
        cfn.deleteStack(r -> r.stackName("app"));
        var deleted = StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0),
                s -> !s.stackStatusAsString().endsWith("IN_PROGRESS"), "deletion");
        assertThat(deleted.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(TestRecordHandler.LIVE).containsKeys(kept, snap).doesNotContainKey(plain);
        assertThat(driver.eventLines(stackId)).contains("Kept DELETE_SKIPPED", "Snap DELETE_SKIPPED", "Plain DELETE_COMPLETE",
                "app DELETE_IN_PROGRESS User Initiated", "app DELETE_COMPLETE");
        assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("app")))
                .hasMessageContaining("Stack with id app does not exist");
        assertThat(cfn.listStacks(r -> r.stackStatusFiltersWithStrings("DELETE_COMPLETE")).stackSummaries())
                .extracting(s -> s.stackId()).containsExactly(stackId);
        assertThat(cfn.listStacks(r -> r.stackStatusFiltersWithStrings("CREATE_COMPLETE")).stackSummaries()).isEmpty();
    }

    @Test
    void failedDeletionLeavesTheStackInDeleteFailed() {
        driver.deploy("app", """
                Resources:
                  Stuck: {Type: Test::Record, Properties: {FailDelete: true}}
                """);
        cfn.deleteStack(r -> r.stackName("app"));
        var s = StackDriver.await(() -> driver.stack("app"), x -> !x.stackStatusAsString().endsWith("IN_PROGRESS"), "deletion");
        assertThat(s.stackStatus()).isEqualTo(StackStatus.DELETE_FAILED);
        assertThat(s.stackStatusReason()).isEqualTo("The following resource(s) failed to delete: [Stuck]. ");
        cfn.deleteStack(r -> r.stackName("app").retainResources("Stuck"));
        var after = StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(s.stackId())).stacks().get(0),
                x -> !x.stackStatusAsString().endsWith("IN_PROGRESS"), "deletion");
        assertThat(after.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    }

    @Test
    void operationsWhileAnotherRunsAreRefused() {
        String gate = "busy-" + System.nanoTime();
        driver.changeSet("app", "c", ChangeSetType.CREATE, "Resources:\n  R: {Type: Test::Record, Properties: {Gate: " + gate + "}}\n", b -> { });
        driver.awaitChangeSet("app", "c");
        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("c"));
        try {
            String id = driver.stack("app").stackId();
            assertThatThrownBy(() -> driver.changeSet("app", "u", ChangeSetType.UPDATE, "Resources:\n  R: {Type: Test::Record}\n", b -> { }))
                    .hasMessageContaining("Stack:" + id + " is in CREATE_IN_PROGRESS state and can not be updated.");
            assertThatThrownBy(() -> cfn.deleteStack(r -> r.stackName("app")))
                    .hasMessageContaining("Stack [" + id + "] cannot be deleted while in status CREATE_IN_PROGRESS");
            assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.stackName("app").changeSetName("c")))
                    .hasMessageContaining("ChangeSet [c] does not exist");
        } finally {
            TestRecordHandler.open(gate);
        }
        assertThat(driver.settle("app").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    }

    @Test
    void eventsArePagedNewestFirst() {
        StringBuilder t = new StringBuilder("Resources:\n");
        for (int i = 0; i < 40; i++) t.append("  R").append(i).append(": {Type: Test::Record}\n");
        driver.deploy("big", t.toString());
        var first = cfn.describeStackEvents(r -> r.stackName("big"));
        assertThat(first.stackEvents()).hasSize(100);
        assertThat(first.stackEvents().get(0).resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(first.stackEvents().get(0).logicalResourceId()).isEqualTo("big");
        assertThat(first.nextToken()).isNotNull();
        var second = cfn.describeStackEvents(r -> r.stackName("big").nextToken(first.nextToken()));
        assertThat(second.stackEvents()).hasSize(40 * 3 + 3 - 100);
        assertThat(second.nextToken()).isNull();
        assertThat(second.stackEvents().get(second.stackEvents().size() - 1).resourceStatusAsString()).isEqualTo("REVIEW_IN_PROGRESS");
        var all = driver.events("big");
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).timestamp()).isAfterOrEqualTo(all.get(i - 1).timestamp());
        }
    }

    private String physical(String logical) {
        return cfn.describeStackResources(r -> r.stackName("app").logicalResourceId(logical)).stackResources().get(0).physicalResourceId();
    }

    @Test
    void aFailingRollbackStepEndsInUpdateRollbackFailed() {
        driver.deploy("app", "Resources:\n  R: {Type: Test::Record, Properties: {Value: a}}\n");
        var stack = driver.deploy("app", """
                Resources:
                  R: {Type: Test::Record, Properties: {Value: b, FailRollback: true}}
                  Bad: {Type: Test::Record, DependsOn: R, Properties: {Fail: true}}
                """);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_FAILED);
        assertThat(stack.stackStatusReason()).isEqualTo("The following resource(s) failed to update: [R].");
        assertThat(driver.eventLines("app")).containsSubsequence("app UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Bad].",
                "R UPDATE_FAILED Record cannot go back", "app UPDATE_ROLLBACK_FAILED The following resource(s) failed to update: [R].");
        assertThatThrownBy(() -> driver.changeSet("app", "again", ChangeSetType.UPDATE, "Resources:\n  R: {Type: Test::Record}\n", b -> { }))
                .hasMessageContaining("is in UPDATE_ROLLBACK_FAILED state and can not be updated.");
    }

    @Test
    void disableRollbackKeepsWhatWasCreated() {
        driver.changeSet("app", "c", ChangeSetType.CREATE, """
                Resources:
                  Good: {Type: Test::Record}
                  Bad: {Type: Test::Record, DependsOn: Good, Properties: {Fail: true, Reason: broken}}
                """, b -> { });
        driver.awaitChangeSet("app", "c");
        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("c").disableRollback(true));
        var stack = driver.settle("app");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);
        assertThat(stack.stackStatusReason()).isEqualTo("The following resource(s) failed to create: [Bad].");
        assertThat(TestRecordHandler.LIVE).containsKey(physical("Good"));
    }

    @Test
    void anUnexpectedHandlerExceptionIsAnInternalFailure() {
        var stack = driver.deploy("app", "Resources:\n  R: {Type: Test::Record, Properties: {Crash: yes}}\n");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).contains("R CREATE_FAILED Internal Failure",
                "app ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [R]. Rollback requested by user.");
    }

    @Test
    void onStackFailureChoosesWhatAFailedCreationLeaves() {
        String failing = "Resources:\n  Good: {Type: Test::Record}\n  Bad: {Type: Test::Record, DependsOn: Good, Properties: {Fail: true}}\n";
        driver.changeSet("keep", "c", ChangeSetType.CREATE, failing, b -> b.onStackFailure("DO_NOTHING"));
        assertThat(driver.awaitChangeSet("keep", "c").onStackFailureAsString()).isEqualTo("DO_NOTHING");
        cfn.executeChangeSet(r -> r.stackName("keep").changeSetName("c"));
        assertThat(driver.settle("keep").stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);

        driver.changeSet("gone", "c", ChangeSetType.CREATE, failing, b -> b.onStackFailure("DELETE"));
        driver.awaitChangeSet("gone", "c");
        String id = driver.stack("gone").stackId();
        cfn.executeChangeSet(r -> r.stackName("gone").changeSetName("c"));
        StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().get(0).stackStatus(),
                s -> s == StackStatus.DELETE_COMPLETE, "deletion after failed creation");
        assertThat(driver.eventLines(id)).containsSubsequence("gone ROLLBACK_COMPLETE", "gone DELETE_IN_PROGRESS User Initiated",
                "gone DELETE_COMPLETE");
    }
}
