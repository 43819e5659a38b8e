package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackInstance;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSet;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotEmptyException;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationAction;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSetStatus;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stack set through its life: described as AWS describes it, its template updated across all
 * instances (overrides kept), instances' overrides changed, instances deleted with and without
 * their stacks, and the set deleted once empty.
 */
class StackSetLifecycleTest {
    private static final String V2 = StackSetRolloutTest.TEMPLATE.replace("!Sub ${Colour}-", "!Sub v2-${Colour}-");
    private static final String OTHER = "900000000001";

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private StackSetWorld world;
    private CloudFormationClient cfn;

    @BeforeEach
    void deployed() {
        world = new StackSetWorld(cloud).administrationRole().executionRole(StackSetWorld.STAGING).executionRole(OTHER);
        cfn = world.cfn;
        cfn.createStackSet(r -> r.stackSetName("baseline").description("team baseline").templateBody(StackSetRolloutTest.TEMPLATE));
        world.await("baseline", cfn.createStackInstances(r -> r.stackSetName("baseline").accounts(StackSetWorld.STAGING)
                .regions("us-east-1").parameterOverrides(colour("blue"))).operationId());
        world.await("baseline", cfn.createStackInstances(r -> r.stackSetName("baseline").accounts(OTHER)
                .regions("us-east-1")).operationId());
    }

    @Test
    void describedWithItsDefaultsAndListed() {
        StackSet set = cfn.describeStackSet(r -> r.stackSetName("baseline")).stackSet();
        assertThat(set.stackSetId()).matches("baseline:[0-9a-f-]{36}");
        assertThat(set.stackSetARN()).isEqualTo("arn:aws:cloudformation:us-east-1:" + StackSetWorld.ADMIN + ":stackset/" + set.stackSetId());
        assertThat(set.status()).isEqualTo(StackSetStatus.ACTIVE);
        assertThat(set.description()).isEqualTo("team baseline");
        assertThat(set.templateBody()).isEqualTo(StackSetRolloutTest.TEMPLATE);
        assertThat(set.administrationRoleARN()).isEqualTo("arn:aws:iam::" + StackSetWorld.ADMIN + ":role/AWSCloudFormationStackSetAdministrationRole");
        assertThat(set.executionRoleName()).isEqualTo("AWSCloudFormationStackSetExecutionRole");
        assertThat(set.permissionModelAsString()).isEqualTo("SELF_MANAGED");
        assertThat(cfn.listStackSets(r -> r.status(StackSetStatus.ACTIVE)).summaries())
                .extracting(s -> s.stackSetName() + " " + s.statusAsString()).containsExactly("baseline ACTIVE");
        assertThat(cfn.listStackSetOperations(r -> r.stackSetName("baseline")).summaries())
                .extracting(s -> s.action() + " " + s.status()).containsExactly("CREATE SUCCEEDED", "CREATE SUCCEEDED");
    }

    @Test
    void anUpdateRollsTheNewTemplateToEveryInstanceAndKeepsOverrides() {
        String op = cfn.updateStackSet(r -> r.stackSetName("baseline").templateBody(V2)).operationId();

        assertThat(world.await("baseline", op).action()).isEqualTo(StackSetOperationAction.UPDATE);
        assertThat(cfn.describeStackSetOperation(r -> r.stackSetName("baseline").operationId(op)).stackSetOperation().status())
                .isEqualTo(StackSetOperationStatus.SUCCEEDED);
        assertThat(world.instances("baseline")).hasSize(2)
                .allSatisfy(i -> assertThat(i.status()).isEqualTo(StackInstanceStatus.CURRENT));
        assertThat(stagingOutput()).isEqualTo("v2-blue-" + StackSetWorld.STAGING);
        assertThat(instance(StackSetWorld.STAGING).parameterOverrides()).containsExactly(colour("blue"));
    }

    @Test
    void updateStackInstancesChangesAnInstancesOverrides() {
        String op = cfn.updateStackInstances(r -> r.stackSetName("baseline").accounts(StackSetWorld.STAGING).regions("us-east-1")
                .parameterOverrides(colour("green"))).operationId();

        assertThat(world.await("baseline", op).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
        assertThat(stagingOutput()).isEqualTo("green-" + StackSetWorld.STAGING);
        assertThat(instance(StackSetWorld.STAGING).lastOperationId()).isEqualTo(op);
        assertThat(instance(OTHER).lastOperationId()).isNotEqualTo(op);
    }

    @Test
    void aSetWithInstancesCannotBeDeletedUntilTheyAreGone() {
        String stackId = instance(StackSetWorld.STAGING).stackId();
        assertThatThrownBy(() -> cfn.deleteStackSet(r -> r.stackSetName("baseline")))
                .isInstanceOf(StackSetNotEmptyException.class)
                .hasMessageStartingWith("StackSet is not empty ");

        world.await("baseline", cfn.deleteStackInstances(r -> r.stackSetName("baseline").accounts(StackSetWorld.STAGING)
                .regions("us-east-1").retainStacks(false)).operationId());
        assertThat(stack(stackId).stackStatusAsString()).isEqualTo("DELETE_COMPLETE");
        world.await("baseline", cfn.deleteStackInstances(r -> r.stackSetName("baseline").accounts(OTHER)
                .regions("us-east-1").retainStacks(true)).operationId());
        assertThat(world.instances("baseline")).isEmpty();

        cfn.deleteStackSet(r -> r.stackSetName("baseline"));
        assertThatThrownBy(() -> cfn.describeStackSet(r -> r.stackSetName("baseline")))
                .isInstanceOf(StackSetNotFoundException.class)
                .hasMessageStartingWith("StackSet baseline not found");
    }

    @Test
    void aRetainedStackStaysInItsAccount() {
        String stackId = instance(StackSetWorld.STAGING).stackId();
        String op = cfn.deleteStackInstances(r -> r.stackSetName("baseline").accounts(StackSetWorld.STAGING)
                .regions("us-east-1").retainStacks(true)).operationId();

        assertThat(world.await("baseline", op).retainStacks()).isTrue();
        assertThat(stack(stackId).stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(world.instances("baseline")).extracting(i -> i.account()).containsExactly(OTHER);
    }

    @Test
    void deletingInstancesTheSetDoesNotHaveSucceedsAndChangesNothing() {
        String op = cfn.deleteStackInstances(r -> r.stackSetName("baseline").accounts("900000000077")
                .regions("us-east-1", "eu-west-1").retainStacks(false)).operationId();

        assertThat(world.await("baseline", op).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
        assertThat(world.results("baseline", op)).hasSize(2)
                .allSatisfy(r -> assertThat(r.statusAsString()).isEqualTo("SUCCEEDED"));
        assertThat(world.instances("baseline")).extracting(i -> i.account()).containsExactly(StackSetWorld.STAGING, OTHER);
    }

    @Test
    void aStackThatFailsToCreateReportsItsResourcesReason() {
        cfn.createStackSet(r -> r.stackSetName("failing")
                .templateBody("Resources:\n  R: {Type: Test::Record, Properties: {Fail: true, Reason: no room}}\n"));
        String op = cfn.createStackInstances(r -> r.stackSetName("failing").accounts(StackSetWorld.STAGING).regions("us-east-1")).operationId();

        assertThat(world.await("failing", op).status()).isEqualTo(StackSetOperationStatus.FAILED);
        assertThat(world.results("failing", op).get(0).statusReason())
                .isEqualTo("ResourceLogicalId:R, ResourceType:Test::Record, ResourceStatusReason:no room.");
        StackInstance i = cfn.describeStackInstance(r -> r.stackSetName("failing")
                .stackInstanceAccount(StackSetWorld.STAGING).stackInstanceRegion("us-east-1")).stackInstance();
        assertThat(i.status()).isEqualTo(StackInstanceStatus.OUTDATED);
        assertThat(stack(i.stackId()).stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
    }

    private String stagingOutput() {
        return stack(instance(StackSetWorld.STAGING).stackId()).outputs().get(0).outputValue();
    }

    private Stack stack(String stackId) {
        return cloud.as("staging").cloudFormation().describeStacks(r -> r.stackName(stackId)).stacks().get(0);
    }

    private StackInstance instance(String account) {
        return cfn.describeStackInstance(r -> r.stackSetName("baseline").stackInstanceAccount(account)
                .stackInstanceRegion("us-east-1")).stackInstance();
    }

    private static Parameter colour(String value) {
        return Parameter.builder().parameterKey("Colour").parameterValue(value).build();
    }

}
