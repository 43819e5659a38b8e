package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.cloudformation.TestRecordHandler;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.NameAlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.OperationIdAlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.OperationInProgressException;
import software.amazon.awssdk.services.cloudformation.model.OperationNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationStatus;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a user gets wrong with stack sets, and what CloudFormation answers (code and message). */
class StackSetErrorsTest {
    private static final String GATED = """
            Parameters:
              Run: {Type: String}
            Resources:
              R: {Type: Test::Record, Properties: {Gate: !Ref Run}}
            """;

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private StackSetWorld world;
    private CloudFormationClient cfn;
    private final String gate = UUID.randomUUID().toString();

    @BeforeEach
    void set() {
        world = new StackSetWorld(cloud).administrationRole().executionRole(StackSetWorld.STAGING);
        cfn = world.cfn;
        cfn.createStackSet(r -> r.stackSetName("gated").templateBody(GATED)
                .parameters(Parameter.builder().parameterKey("Run").parameterValue(gate).build()));
    }

    @Test
    void anUnknownStackSetIsNotFound() {
        assertThatThrownBy(() -> cfn.describeStackSet(r -> r.stackSetName("nope")))
                .isInstanceOf(StackSetNotFoundException.class).hasMessageStartingWith("StackSet nope not found ");
        assertThatThrownBy(() -> cfn.createStackInstances(r -> r.stackSetName("nope").accounts(StackSetWorld.STAGING).regions("us-east-1")))
                .isInstanceOf(StackSetNotFoundException.class).hasMessageStartingWith("StackSet nope not found ");
        assertThatThrownBy(() -> cfn.listStackInstances(r -> r.stackSetName("nope")))
                .isInstanceOf(StackSetNotFoundException.class);
        // A stack set lives in the region it was created in.
        var pipeline = cloud.cloud().account("pipeline");
        CloudFormationClient west = CloudFormationClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(pipeline.accessKeyId(), pipeline.secretAccessKey())))
                .build();
        assertThatThrownBy(() -> west.describeStackSet(r -> r.stackSetName("gated")))
                .isInstanceOf(StackSetNotFoundException.class).hasMessageStartingWith("StackSet gated not found ");
    }

    @Test
    void aNameIsTakenOncePerAccountAndRegion() {
        assertThatThrownBy(() -> cfn.createStackSet(r -> r.stackSetName("gated").templateBody(GATED)))
                .isInstanceOf(NameAlreadyExistsException.class).hasMessageStartingWith("StackSet gated already exists ");
        assertThatThrownBy(() -> cfn.createStackSet(r -> r.stackSetName("bad_name").templateBody(GATED)))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'bad_name' at 'stackSetName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
    }

    @Test
    void aTemplateThatNeedsCapabilitiesIsRefusedWithoutThem() {
        String iam = "Resources:\n  Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}}}\n";
        assertThatThrownBy(() -> cfn.createStackSet(r -> r.stackSetName("roles").templateBody(iam)))
                .isInstanceOf(InsufficientCapabilitiesException.class)
                .hasMessageStartingWith("Requires capabilities : [CAPABILITY_IAM]");
        cfn.createStackSet(r -> r.stackSetName("roles").templateBody(iam).capabilities(Capability.CAPABILITY_IAM));
        assertThat(cfn.describeStackSet(r -> r.stackSetName("roles")).stackSet().capabilities()).containsExactly(Capability.CAPABILITY_IAM);
    }

    @Test
    void oneOperationAtATime() {
        String running = cfn.createStackInstances(r -> r.stackSetName("gated").accounts(StackSetWorld.STAGING).regions("us-east-1")).operationId();
        String arn = cfn.describeStackSet(r -> r.stackSetName("gated")).stackSet().stackSetARN();
        String message = "Another Operation on StackSet " + arn + " is in progress ";

        assertThatThrownBy(() -> cfn.updateStackSet(r -> r.stackSetName("gated").usePreviousTemplate(true)
                .parameters(Parameter.builder().parameterKey("Run").usePreviousValue(true).build())))
                .isInstanceOf(OperationInProgressException.class).hasMessageStartingWith(message);
        assertThatThrownBy(() -> cfn.createStackInstances(r -> r.stackSetName("gated").accounts("900000000001").regions("us-east-1")))
                .isInstanceOf(OperationInProgressException.class).hasMessageStartingWith(message);
        assertThatThrownBy(() -> cfn.deleteStackSet(r -> r.stackSetName("gated")))
                .isInstanceOf(OperationInProgressException.class).hasMessageStartingWith(message);

        TestRecordHandler.open(gate);
        assertThat(world.await("gated", running).status()).isEqualTo(StackSetOperationStatus.SUCCEEDED);
    }

    @Test
    void anOperationIdIsIdempotentForTheSameInputOnly() {
        TestRecordHandler.open(gate);
        String first = cfn.createStackInstances(r -> r.stackSetName("gated").accounts(StackSetWorld.STAGING).regions("us-east-1")
                .operationId("rollout-1")).operationId();
        String retry = cfn.createStackInstances(r -> r.stackSetName("gated").accounts(StackSetWorld.STAGING).regions("us-east-1")
                .operationId("rollout-1")).operationId();

        assertThat(retry).isEqualTo(first).isEqualTo("rollout-1");
        world.await("gated", first);
        assertThat(cfn.listStackSetOperations(r -> r.stackSetName("gated")).summaries()).hasSize(1);
        assertThatThrownBy(() -> cfn.createStackInstances(r -> r.stackSetName("gated").accounts("900000000001").regions("us-east-1")
                .operationId("rollout-1")))
                .isInstanceOf(OperationIdAlreadyExistsException.class)
                .hasMessageStartingWith("The operation id rollout-1 already exists ");
    }

    @Test
    void unknownOperationsAndInstancesAreNotFound() {
        assertThatThrownBy(() -> cfn.describeStackSetOperation(r -> r.stackSetName("gated").operationId("nope")))
                .isInstanceOf(OperationNotFoundException.class).hasMessageStartingWith("Operation nope not found ");
        assertThatThrownBy(() -> cfn.listStackSetOperationResults(r -> r.stackSetName("gated").operationId("nope")))
                .isInstanceOf(OperationNotFoundException.class);
        assertThatThrownBy(() -> cfn.describeStackInstance(r -> r.stackSetName("gated")
                .stackInstanceAccount(StackSetWorld.STAGING).stackInstanceRegion("us-east-1")))
                .isInstanceOf(StackInstanceNotFoundException.class)
                .hasMessageStartingWith("Stack instance with account " + StackSetWorld.STAGING
                        + " and region us-east-1 does not exist in StackSet gated ");
        assertThatThrownBy(() -> cfn.updateStackInstances(r -> r.stackSetName("gated").accounts(StackSetWorld.STAGING)
                .regions("us-east-1"))).isInstanceOf(StackInstanceNotFoundException.class);
    }

    @Test
    void badTargetsAreRefusedBeforeAnyOperationStarts() {
        assertThatThrownBy(() -> cfn.createStackInstances(r -> r.stackSetName("gated").accounts("12345").regions("us-east-1")))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '12345' at 'accounts' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ^[0-9]{12}$");
        assertThatThrownBy(() -> cfn.createStackInstances(r -> r.stackSetName("gated").accounts(StackSetWorld.STAGING)))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageStartingWith("1 validation error detected: Value null at 'regions' failed to satisfy constraint: Member must not be null");
        assertThat(cfn.listStackSetOperations(r -> r.stackSetName("gated")).summaries()).isEmpty();
        assertThat(world.instances("gated")).isEmpty();
    }
}
