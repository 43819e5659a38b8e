package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeSetLifecycleTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudFormationClient cfn;
    private StackDriver driver;

    static final String TEMPLATE = """
            AWSTemplateFormatVersion: 2010-09-09
            Description: two records
            Parameters:
              Greeting:
                Type: String
                Default: hello
            Resources:
              First:
                Type: Test::Record
                Properties:
                  Value: !Ref Greeting
              Second:
                Type: Test::Record
                Properties:
                  Value: !Sub "${Greeting}-${First}"
                  Arn: !GetAtt First.Arn
            Outputs:
              SecondValue:
                Value: !GetAtt Second.Value
                Description: the second
              FirstId:
                Value: !Ref First
            """;

    @BeforeEach
    void clients() {
        cfn = cloud.as("staging").cloudFormation();
        driver = new StackDriver(cfn);
    }

    @Test
    void createChangeSetPutsANewStackInReviewAndExecutionCreatesIt() {
        var created = driver.changeSet("app", "first", ChangeSetType.CREATE, TEMPLATE, b -> { });
        assertThat(created.stackId()).matches("arn:aws:cloudformation:us-east-1:222222222222:stack/app/[0-9a-f-]{36}");
        assertThat(created.id()).matches("arn:aws:cloudformation:us-east-1:222222222222:changeSet/first/[0-9a-f-]{36}");
        assertThat(driver.stack("app").stackStatus()).isEqualTo(StackStatus.REVIEW_IN_PROGRESS);

        var cs = driver.awaitChangeSet("app", "first");
        assertThat(cs.status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(cs.executionStatus()).isEqualTo(ExecutionStatus.AVAILABLE);
        assertThat(cs.changes()).extracting(c -> c.resourceChange().actionAsString() + " " + c.resourceChange().logicalResourceId())
                .containsExactly("Add First", "Add Second");

        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("first"));
        var stack = driver.settle("app");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(stack.description()).isEqualTo("two records");
        assertThat(stack.changeSetId()).isEqualTo(created.id());
        String first = stack.outputs().stream().filter(o -> o.outputKey().equals("FirstId")).map(Output::outputValue).findFirst().orElseThrow();
        assertThat(stack.outputs()).extracting(Output::outputKey, Output::outputValue)
                .contains(org.assertj.core.groups.Tuple.tuple("SecondValue", "hello-" + first));
        assertThat(driver.eventLines("app")).containsExactly(
                "app REVIEW_IN_PROGRESS User Initiated",
                "app CREATE_IN_PROGRESS User Initiated",
                "First CREATE_IN_PROGRESS",
                "First CREATE_IN_PROGRESS Resource creation Initiated",
                "First CREATE_COMPLETE",
                "Second CREATE_IN_PROGRESS",
                "Second CREATE_IN_PROGRESS Resource creation Initiated",
                "Second CREATE_COMPLETE",
                "app CREATE_COMPLETE");
        assertThat(cfn.describeChangeSet(r -> r.stackName("app").changeSetName("first")).executionStatus())
                .isEqualTo(ExecutionStatus.EXECUTE_COMPLETE);
    }
}
