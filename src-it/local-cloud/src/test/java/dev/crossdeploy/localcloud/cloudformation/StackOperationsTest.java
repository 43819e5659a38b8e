package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.OnFailure;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.waiters.CloudFormationWaiter;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.crossdeploy.localcloud.cloudformation.StackDriver.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateStack and UpdateStack, followed by the SDK's own stack waiters. */
class StackOperationsTest {
    private static final String TEMPLATE = """
            Parameters:
              Size: {Type: String}
              Colour: {Type: String, Default: red}
            Resources:
              R:
                Type: Test::Record
                Properties:
                  Value: !Sub ${Size}-${Colour}
            Outputs:
              Value: {Value: !GetAtt R.Value}
            """;
    private static final String FAILING = "Resources:\n  R: {Type: Test::Record, Properties: {Fail: true, Reason: no room}}\n";

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudFormationClient cfn;
    private CloudFormationWaiter waiter;

    @BeforeEach
    void clients() {
        cfn = cloud.as("staging").cloudFormation();
        // The SDK's waiters poll every 30 s; the local cloud settles in milliseconds.
        waiter = CloudFormationWaiter.builder().client(cfn).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20))).maxAttempts(1_500).build()).build();
    }

    private Stack waitForCreate(String name) {
        return waiter.waitUntilStackCreateComplete(r -> r.stackName(name)).matched().response().orElseThrow().stacks().get(0);
    }

    private Stack waitForUpdate(String name) {
        return waiter.waitUntilStackUpdateComplete(r -> r.stackName(name)).matched().response().orElseThrow().stacks().get(0);
    }

    private static Map<String, String> parameters(Stack s) {
        return s.parameters().stream().collect(Collectors.toMap(Parameter::parameterKey, Parameter::parameterValue));
    }

    private static String output(Stack s) { return s.outputs().get(0).outputValue(); }

    @Test
    void createStackDeploysWithItsOptions() {
        String id = cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "10"))
                .tags(Tag.builder().key("team").value("orders").build())
                .timeoutInMinutes(5).enableTerminationProtection(true)).stackId();

        Stack stack = waitForCreate("app");
        assertThat(stack.stackId()).isEqualTo(id).startsWith("arn:aws:cloudformation:us-east-1:222222222222:stack/app/");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(parameters(stack)).isEqualTo(Map.of("Size", "10", "Colour", "red"));
        assertThat(output(stack)).isEqualTo("10-red");
        assertThat(stack.tags()).extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("team", "orders"));
        assertThat(stack.timeoutInMinutes()).isEqualTo(5);
        assertThat(stack.enableTerminationProtection()).isTrue();
        assertThat(stack.changeSetId()).isNull();
        assertThat(new StackDriver(cfn).eventLines("app")).containsExactly(
                "app CREATE_IN_PROGRESS User Initiated", "R CREATE_IN_PROGRESS", "R CREATE_IN_PROGRESS Resource creation Initiated",
                "R CREATE_COMPLETE", "app CREATE_COMPLETE");
        assertError(() -> cfn.deleteStack(r -> r.stackName("app")), "ValidationError",
                "Stack [app] cannot be deleted while TerminationProtection is enabled");
    }

    @Test
    void createStackReadsATemplateUrl() {
        var s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("templates"));
        s3.putObject(b -> b.bucket("templates").key("app.yaml"), RequestBody.fromString(TEMPLATE));

        cfn.createStack(r -> r.stackName("app").templateURL("https://templates.s3.amazonaws.com/app.yaml")
                .parameters(param("Size", "3")));

        assertThat(output(waitForCreate("app"))).isEqualTo("3-red");
    }

    @Test
    void anExistingStackIsNotCreatedAgain() {
        String id = cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "1"))
                .clientRequestToken("create-1")).stackId();
        waitForCreate("app");

        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "1"))))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExistsException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stack [app] already exists");
                });
        // A retry of the call that created it is answered with the same stack.
        assertThat(cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "1"))
                .clientRequestToken("create-1")).stackId()).isEqualTo(id);
    }

    @Test
    void aStackAwaitingItsFirstChangeSetAlsoExists() {
        cfn.createChangeSet(r -> r.stackName("app").changeSetName("first").changeSetType(ChangeSetType.CREATE)
                .templateBody(TEMPLATE).parameters(param("Size", "1")));

        assertError(() -> cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE)),
                "AlreadyExistsException", "Stack [app] already exists");
    }

    @Test
    void iamResourcesNeedTheirCapabilities() {
        String role = "Resources:\n  Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}\n";
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("app").templateBody(role)))
                .isInstanceOfSatisfying(InsufficientCapabilitiesException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientCapabilitiesException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requires capabilities : [CAPABILITY_IAM]");
                });
        assertThat(cfn.listStacks().stackSummaries()).isEmpty();
    }

    @Test
    void onFailureAndDisableRollbackExcludeEachOther() {
        assertError(() -> cfn.createStack(r -> r.stackName("app").templateBody(FAILING).onFailure(OnFailure.DELETE).disableRollback(false)),
                "ValidationError", "Either DisableRollback or OnFailure can be specified, not both.");
    }

    @Test
    void aFailedCreateRollsBackAndTheWaiterReportsFailure() {
        cfn.createStack(r -> r.stackName("app").templateBody(FAILING));

        assertThatThrownBy(() -> waitForCreate("app")).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("transitioned the waiter to failure state");
        StackDriver driver = new StackDriver(cfn);
        assertThat(driver.settle("app").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).contains(
                "app ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [R]. Rollback requested by user.");
    }

    @Test
    void disableRollbackKeepsAFailedCreate() {
        cfn.createStack(r -> r.stackName("app").templateBody(FAILING).disableRollback(true));

        Stack stack = new StackDriver(cfn).settle("app");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);
        assertThat(stack.disableRollback()).isTrue();
    }

    @Test
    void onFailureDeleteRemovesAFailedStack() {
        String id = cfn.createStack(r -> r.stackName("app").templateBody(FAILING).onFailure(OnFailure.DELETE)).stackId();

        StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().get(0).stackStatus(),
                s -> s == StackStatus.DELETE_COMPLETE, "deletion");
    }

    @Test
    void updateStackKeepsPreviousTemplateAndValues() {
        cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "10"), param("Colour", "blue")));
        waitForCreate("app");

        cfn.updateStack(r -> r.stackName("app").usePreviousTemplate(true).parameters(
                Parameter.builder().parameterKey("Size").usePreviousValue(true).build(), param("Colour", "green")));

        Stack stack = waitForUpdate("app");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(parameters(stack)).isEqualTo(Map.of("Size", "10", "Colour", "green"));
        assertThat(output(stack)).isEqualTo("10-green");
        assertThat(stack.lastUpdatedTime()).isNotNull();
    }

    @Test
    void anUpdateThatChangesNothingIsRefused() {
        cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "10")));
        waitForCreate("app");

        assertError(() -> cfn.updateStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "10"))),
                "ValidationError", "No updates are to be performed.");
        assertError(() -> cfn.updateStack(r -> r.stackName("app").usePreviousTemplate(true)
                        .parameters(Parameter.builder().parameterKey("Size").usePreviousValue(true).build())),
                "ValidationError", "No updates are to be performed.");
    }

    @Test
    void aFailedUpdateRollsBackAndTheWaiterReportsFailure() {
        cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "10")));
        waitForCreate("app");

        cfn.updateStack(r -> r.stackName("app").templateBody(
                "Resources:\n  R: {Type: Test::Record, Properties: {FailUpdate: true, Reason: locked}}\n"));

        assertThatThrownBy(() -> waitForUpdate("app")).isInstanceOf(SdkClientException.class);
        assertThat(new StackDriver(cfn).stack("app").stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    }

    @Test
    void updateStackNeedsAStackItCanUpdate() {
        assertError(() -> cfn.updateStack(r -> r.stackName("missing").templateBody(TEMPLATE)),
                "ValidationError", "Stack [missing] does not exist");
        cfn.createStack(r -> r.stackName("app").templateBody(FAILING));
        String id = new StackDriver(cfn).settle("app").stackId();
        assertError(() -> cfn.updateStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "1"))),
                "ValidationError", "Stack:" + id + " is in ROLLBACK_COMPLETE state and can not be updated.");
    }

    @Test
    void updateStackChecksCapabilitiesAndMarksPendingChangeSetsObsolete() {
        cfn.createStack(r -> r.stackName("app").templateBody(TEMPLATE).parameters(param("Size", "10")));
        waitForCreate("app");
        cfn.createChangeSet(r -> r.stackName("app").changeSetName("pending").usePreviousTemplate(true)
                .parameters(param("Size", "11")));
        new StackDriver(cfn).awaitChangeSet("app", "pending");

        String role = "Resources:\n  Role: {Type: AWS::IAM::Role, Properties: {RoleName: fixed, AssumeRolePolicyDocument: {}}}\n";
        assertError(() -> cfn.updateStack(r -> r.stackName("app").templateBody(role).capabilities(Capability.CAPABILITY_IAM)),
                "InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]");

        cfn.updateStack(r -> r.stackName("app").usePreviousTemplate(true).parameters(param("Size", "12")));
        waitForUpdate("app");
        assertThat(cfn.describeChangeSet(r -> r.stackName("app").changeSetName("pending")).executionStatusAsString())
                .isEqualTo("OBSOLETE");
        assertError(() -> cfn.executeChangeSet(r -> r.stackName("app").changeSetName("pending")), "InvalidChangeSetStatus",
                "ChangeSet [" + cfn.describeChangeSet(r -> r.stackName("app").changeSetName("pending")).changeSetId()
                        + "] cannot be executed in its current execution status of [OBSOLETE]");
    }

    static void assertError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudFormationException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
