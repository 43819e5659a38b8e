package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-side calls: stacks, resources, templates, imports. */
class StackQueriesTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudFormationClient cfn;
    private StackDriver driver;

    @BeforeEach
    void clients() {
        cfn = cloud.as("staging").cloudFormation();
        driver = new StackDriver(cfn);
    }

    private static void assertError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudFormationException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void resourcesAreDescribedOneByOneAndInSummary() {
        String template = """
                Resources:
                  Policy:
                    Type: Test::Record
                    Properties:
                      Statement: {Condition: {StringEquals: {"aws:PrincipalAccount": "222222222222"}}}
                """;
        var stack = driver.deploy("app", template);
        var detail = cfn.describeStackResource(r -> r.stackName("app").logicalResourceId("Policy")).stackResourceDetail();
        assertThat(detail.resourceStatus()).isEqualTo(ResourceStatus.CREATE_COMPLETE);
        assertThat(detail.resourceType()).isEqualTo("Test::Record");
        assertThat(detail.stackId()).isEqualTo(stack.stackId());
        // A Condition map inside properties is data, not the Condition function.
        assertThat(TestRecordHandler.LIVE.get(detail.physicalResourceId()).get("Statement"))
                .isEqualTo(Map.of("Condition", Map.of("StringEquals", Map.of("aws:PrincipalAccount", "222222222222"))));
        assertThat(cfn.describeStackResources(r -> r.physicalResourceId(detail.physicalResourceId())).stackResources())
                .extracting(r -> r.logicalResourceId()).containsExactly("Policy");
        assertError(() -> cfn.describeStackResource(r -> r.stackName("app").logicalResourceId("Nope")),
                "ValidationError", "Resource Nope does not exist for stack app");
        assertError(() -> cfn.listStackResources(r -> r.stackName("ghost")),
                "ValidationError", "Stack with id ghost does not exist");
    }

    @Test
    void templatesAreReturnedAsSubmitted() {
        String json = "{\"Resources\": {\"R\": {\"Type\": \"Test::Record\"}}}";
        driver.deploy("app", json);
        assertThat(cfn.getTemplate(r -> r.stackName("app")).templateBody()).isEqualTo(json);
        var processed = cfn.getTemplate(r -> r.stackName("app").templateStage(TemplateStage.PROCESSED));
        assertThat(processed.templateBody()).isEqualTo(json);
        assertThat(processed.stagesAvailableAsStrings()).containsExactly("Original", "Processed");
        assertThat(cfn.getTemplateSummary(r -> r.stackName("app")).resourceTypes()).containsExactly("Test::Record");
    }

    @Test
    void describeStacksWithoutNameListsLiveStacksNewestFirst() {
        driver.deploy("first", "Resources:\n  R: {Type: Test::Record}\n");
        driver.changeSet("second", "c", ChangeSetType.CREATE, "Resources:\n  R: {Type: Test::Record}\n", b -> { });
        assertThat(cfn.describeStacks().stacks()).extracting(s -> s.stackName() + " " + s.stackStatusAsString())
                .containsExactly("second REVIEW_IN_PROGRESS", "first CREATE_COMPLETE");
        var byId = cfn.describeStacks(r -> r.stackName(driver.stack("first").stackId())).stacks();
        assertThat(byId).extracting(s -> s.stackName()).containsExactly("first");
    }

    @Test
    void reviewStacksCanBeDeletedWithoutResources() {
        driver.changeSet("draft", "c", ChangeSetType.CREATE, "Resources:\n  R: {Type: Test::Record}\n", b -> { });
        String id = driver.stack("draft").stackId();
        cfn.deleteStack(r -> r.stackName("draft"));
        var deleted = StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().get(0),
                s -> s.stackStatus() == StackStatus.DELETE_COMPLETE, "deletion");
        assertThat(deleted.deletionTime()).isNotNull();
        assertError(() -> cfn.describeChangeSet(r -> r.stackName("draft").changeSetName("c")),
                "ValidationError", "Stack [draft] does not exist");
        // Deleting what is gone is not an error.
        cfn.deleteStack(r -> r.stackName("draft"));
    }

    @Test
    void importsOfAnUnusedOrUnknownExportAreErrors() {
        assertError(() -> cfn.listImports(r -> r.exportName("nothing")), "ValidationError", "Export 'nothing' does not exist.");
        driver.deploy("net", "Resources:\n  R: {Type: Test::Record}\nOutputs:\n  O: {Value: v, Export: {Name: lonely}}\n");
        assertError(() -> cfn.listImports(r -> r.exportName("lonely")), "ValidationError", "Export 'lonely' is not imported by any stack.");
    }
}
