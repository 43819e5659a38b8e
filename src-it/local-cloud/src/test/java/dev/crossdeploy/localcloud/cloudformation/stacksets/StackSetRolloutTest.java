package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.cloudformation.TestRecordHandler;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackInstance;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceDetailedStatus;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationStatus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack set rolled out to 20 accounts with self-managed permissions, one account lacking the
 * execution role: the failure tolerance decides whether CloudFormation stops (later accounts
 * CANCELLED, the operation FAILED) or carries on (the operation SUCCEEDED with one failure).
 */
class StackSetRolloutTest {
    static final String TEMPLATE = """
            Parameters:
              Colour: {Type: String, Default: red}
            Resources:
              R:
                Type: Test::Record
                Properties:
                  Value: !Sub ${Colour}-${AWS::AccountId}
            Outputs:
              Value: {Value: !GetAtt R.Value}
            """;
    private static final List<String> ACCOUNTS = StackSetWorld.accounts(20);
    /** The eighth account has no execution role. */
    private static final String BROKEN = ACCOUNTS.get(7);

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private StackSetWorld world;
    private CloudFormationClient cfn;

    @BeforeEach
    void accounts() {
        world = new StackSetWorld(cloud).administrationRole();
        ACCOUNTS.stream().filter(a -> !a.equals(BROKEN)).forEach(world::executionRole);
        cfn = world.cfn;
        cfn.createStackSet(r -> r.stackSetName("baseline").templateBody(TEMPLATE));
    }

    @Test
    void withoutToleranceTheRolloutStopsAtTheFailingAccountAndCancelsTheRest() {
        String op = cfn.createStackInstances(r -> r.stackSetName("baseline").accounts(ACCOUNTS).regions("us-east-1")
                .operationPreferences(p -> p.maxConcurrentCount(1).failureToleranceCount(0))).operationId();

        StackSetOperation done = world.await("baseline", op);
        assertThat(done.status()).isEqualTo(StackSetOperationStatus.FAILED);
        assertThat(done.statusDetails().failedStackInstancesCount()).isEqualTo(1);
        Map<String, StackSetOperationResultSummary> results = byAccount(world.results("baseline", op));
        assertThat(results).hasSize(20);
        ACCOUNTS.subList(0, 7).forEach(a -> assertThat(results.get(a).status()).isEqualTo(StackSetOperationResultStatus.SUCCEEDED));
        assertThat(results.get(BROKEN).status()).isEqualTo(StackSetOperationResultStatus.FAILED);
        assertThat(results.get(BROKEN).statusReason()).isEqualTo("Account " + BROKEN
                + " should have 'AWSCloudFormationStackSetExecutionRole' role with trust relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.");
        ACCOUNTS.subList(8, 20).forEach(a -> {
            assertThat(results.get(a).status()).isEqualTo(StackSetOperationResultStatus.CANCELLED);
            assertThat(results.get(a).statusReason()).isEqualTo("Cancelled since failure tolerance has exceeded");
        });

        StackInstance broken = cfn.describeStackInstance(r -> r.stackSetName("baseline")
                .stackInstanceAccount(BROKEN).stackInstanceRegion("us-east-1")).stackInstance();
        assertThat(broken.status()).isEqualTo(StackInstanceStatus.OUTDATED);
        assertThat(broken.stackInstanceStatus().detailedStatus()).isEqualTo(StackInstanceDetailedStatus.FAILED);
        assertThat(broken.stackId()).isNull();
        StackInstance cancelled = cfn.describeStackInstance(r -> r.stackSetName("baseline")
                .stackInstanceAccount(ACCOUNTS.get(19)).stackInstanceRegion("us-east-1")).stackInstance();
        assertThat(cancelled.stackInstanceStatus().detailedStatus()).isEqualTo(StackInstanceDetailedStatus.CANCELLED);
        assertThat(cancelled.statusReason()).isEqualTo("Cancelled since failure tolerance has exceeded");
    }

    @Test
    void withinToleranceEveryOtherAccountIsDeployedAndTheOperationSucceeds() {
        String op = cfn.createStackInstances(r -> r.stackSetName("baseline").accounts(ACCOUNTS).regions("us-east-1")
                .parameterOverrides(Parameter.builder().parameterKey("Colour").parameterValue("blue").build())
                .operationPreferences(p -> p.maxConcurrentCount(2).failureToleranceCount(1))).operationId();

        StackSetOperation done = world.await("baseline", op);
        assertThat(done.status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
        Map<String, StackSetOperationResultSummary> results = byAccount(world.results("baseline", op));
        assertThat(results.values()).filteredOn(r -> r.status() == StackSetOperationResultStatus.SUCCEEDED).hasSize(19);
        assertThat(results.get(BROKEN).status()).isEqualTo(StackSetOperationResultStatus.FAILED);
        assertThat(world.instances("baseline")).hasSize(20)
                .filteredOn(i -> i.status() == StackInstanceStatus.CURRENT).hasSize(19);

        // Each instance is a real stack in its account, deployed by the execution role.
        String stackId = cfn.describeStackInstance(r -> r.stackSetName("baseline")
                .stackInstanceAccount(StackSetWorld.STAGING).stackInstanceRegion("us-east-1")).stackInstance().stackId();
        Stack stack = cloud.as("staging").cloudFormation().describeStacks(r -> r.stackName(stackId)).stacks().get(0);
        assertThat(stack.stackName()).matches("StackSet-baseline-[0-9a-f-]{36}");
        assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.outputs().get(0).outputValue()).isEqualTo("blue-" + StackSetWorld.STAGING);
        String record = cloud.as("staging").cloudFormation().describeStackResource(r -> r.stackName(stackId).logicalResourceId("R"))
                .stackResourceDetail().physicalResourceId();
        assertThat(TestRecordHandler.CREATED_BY.get(record))
                .startsWith("arn:aws:sts::" + StackSetWorld.STAGING + ":assumed-role/AWSCloudFormationStackSetExecutionRole/");
    }

    @Test
    void customRoleNamesAreUsedForEveryHop() {
        world.iam().createRole(StackSetWorld.ADMIN, "PlatformAdmin", "/", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
                null, null);
        world.iam().putRolePolicy(StackSetWorld.ADMIN, "PlatformAdmin", "Assume", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/PlatformExec"}]}""");
        world.iam().createRole(StackSetWorld.STAGING, "PlatformExec", "/", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/PlatformAdmin"},"Action":"sts:AssumeRole"}]}""",
                null, null);
        cfn.createStackSet(r -> r.stackSetName("custom").templateBody(TEMPLATE)
                .administrationRoleARN("arn:aws:iam::" + StackSetWorld.ADMIN + ":role/PlatformAdmin").executionRoleName("PlatformExec"));
        String op = cfn.createStackInstances(r -> r.stackSetName("custom").accounts(StackSetWorld.STAGING, ACCOUNTS.get(1))
                .regions("us-east-1").operationPreferences(p -> p.failureToleranceCount(1))).operationId();

        StackSetOperation done = world.await("custom", op);
        assertThat(done.administrationRoleARN()).isEqualTo("arn:aws:iam::" + StackSetWorld.ADMIN + ":role/PlatformAdmin");
        assertThat(done.executionRoleName()).isEqualTo("PlatformExec");
        Map<String, StackSetOperationResultSummary> results = byAccount(world.results("custom", op));
        assertThat(results.get(StackSetWorld.STAGING).status()).isEqualTo(StackSetOperationResultStatus.SUCCEEDED);
        // The other account has only the default execution role, not the one this set names.
        assertThat(results.get(ACCOUNTS.get(1)).statusReason()).isEqualTo("Account " + ACCOUNTS.get(1)
                + " should have 'PlatformExec' role with trust relationship to Role 'PlatformAdmin'.");
    }

    @Test
    void withoutTheAdministrationRoleNoAccountIsReached() {
        world.iam().deleteRolePolicy(StackSetWorld.ADMIN, StackSetWorld.ADMIN_ROLE, "AssumeExecutionRoles");
        world.iam().deleteRole(StackSetWorld.ADMIN, StackSetWorld.ADMIN_ROLE);
        String op = cfn.createStackInstances(r -> r.stackSetName("baseline").accounts(ACCOUNTS.subList(0, 3))
                .regions("us-east-1")).operationId();

        assertThat(world.await("baseline", op).status()).isEqualTo(StackSetOperationStatus.FAILED);
        List<StackSetOperationResultSummary> results = world.results("baseline", op);
        assertThat(results.get(0).statusReason()).isEqualTo("Account " + StackSetWorld.ADMIN
                + " should have 'AWSCloudFormationStackSetAdministrationRole' role with trust relationship to CloudFormation service.");
        assertThat(results.get(0).accountGateResult().statusAsString()).isEqualTo("FAILED");
        assertThat(results.subList(1, 3)).allSatisfy(r -> assertThat(r.status()).isEqualTo(StackSetOperationResultStatus.CANCELLED));
    }

    @Test
    void anExecutionRoleTrustingAnotherAccountFailsThatAccountOnly() {
        String other = "900000000099";
        world.executionRole(other, "999999999999");
        String op = cfn.createStackInstances(r -> r.stackSetName("baseline").accounts(StackSetWorld.STAGING, other)
                .regions("us-east-1").operationPreferences(p -> p.failureToleranceCount(1))).operationId();

        assertThat(world.await("baseline", op).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
        Map<String, StackSetOperationResultSummary> results = byAccount(world.results("baseline", op));
        assertThat(results.get(StackSetWorld.STAGING).status()).isEqualTo(StackSetOperationResultStatus.SUCCEEDED);
        assertThat(results.get(other).statusReason()).isEqualTo("Account " + other
                + " should have 'AWSCloudFormationStackSetExecutionRole' role with trust relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.");
    }

    private static Map<String, StackSetOperationResultSummary> byAccount(List<StackSetOperationResultSummary> results) {
        return results.stream().collect(Collectors.toMap(StackSetOperationResultSummary::account, r -> r));
    }
}
