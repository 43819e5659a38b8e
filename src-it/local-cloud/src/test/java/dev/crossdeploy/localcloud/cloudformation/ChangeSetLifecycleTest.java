package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        var executed = cfn.describeChangeSet(r -> r.changeSetName(created.id()));
        assertThat(executed.executionStatus()).isEqualTo(ExecutionStatus.EXECUTE_COMPLETE);
        assertThat(executed.status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        // Once executed, a change set is known by its ARN only.
        assertThat(cfn.listChangeSets(r -> r.stackName("app")).summaries()).isEmpty();
        assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.stackName("app").changeSetName("first")))
                .hasMessageContaining("ChangeSet [first] does not exist");
    }

    static final String V1 = """
            Parameters:
              Secret: {Type: String, NoEcho: true}
              Color: {Type: String, Default: red}
            Resources:
              Keep:
                Type: Test::Record
                Properties: {Value: same}
              Tweak:
                Type: Test::Record
                Properties: {Value: !Ref Color}
              Swap:
                Type: Test::Record
                Properties: {Kind: a, Value: !Ref Secret}
              Gone:
                Type: Test::Record
            Outputs:
              Color: {Value: !Ref Color}
            """;

    static final String V2 = """
            Parameters:
              Secret: {Type: String, NoEcho: true}
              Color: {Type: String, Default: red}
            Resources:
              Keep:
                Type: Test::Record
                Properties: {Value: same}
              Tweak:
                Type: Test::Record
                Properties: {Value: !Ref Color, Size: 2}
              Swap:
                Type: Test::Record
                Properties: {Kind: b, Value: !Ref Secret}
              Follower:
                Type: Test::Record
                Properties: {Value: !Ref Swap}
            Outputs:
              Color: {Value: !Ref Color}
            """;

    @Test
    void updateChangeSetDescribesAddModifyRemoveWithReplacementAndDetails() {
        driver.deploy("app", V1, StackDriver.param("Secret", "hunter2"));
        String swapBefore = physical("app", "Swap");
        driver.changeSet("app", "v2", ChangeSetType.UPDATE, V2, b -> b.parameters(
                software.amazon.awssdk.services.cloudformation.model.Parameter.builder().parameterKey("Secret").usePreviousValue(true).build(),
                StackDriver.param("Color", "blue")));
        var cs = driver.awaitChangeSet("app", "v2");
        assertThat(cs.status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(cs.parameters()).extracting(p -> p.parameterKey() + "=" + p.parameterValue())
                .containsExactly("Secret=****", "Color=blue");
        var changes = new java.util.LinkedHashMap<String, software.amazon.awssdk.services.cloudformation.model.ResourceChange>();
        cs.changes().forEach(c -> changes.put(c.resourceChange().logicalResourceId(), c.resourceChange()));
        assertThat(changes.keySet()).containsExactly("Tweak", "Swap", "Follower", "Gone");

        var tweak = changes.get("Tweak");
        assertThat(tweak.actionAsString()).isEqualTo("Modify");
        assertThat(tweak.replacementAsString()).isEqualTo("Conditional");
        assertThat(tweak.scopeAsStrings()).containsExactly("Properties");
        assertThat(tweak.details()).extracting(d -> d.target().name() + " " + d.target().requiresRecreationAsString() + " "
                        + d.evaluationAsString() + " " + d.changeSourceAsString() + " " + d.causingEntity())
                .containsExactly("Value Never Static ParameterReference Color", "Size Conditionally Static DirectModification null");

        var swap = changes.get("Swap");
        assertThat(swap.replacementAsString()).isEqualTo("True");
        assertThat(swap.physicalResourceId()).isEqualTo(swapBefore);
        assertThat(swap.details()).extracting(d -> d.target().attributeAsString() + " " + d.target().name() + " " + d.target().requiresRecreationAsString())
                .containsExactly("Properties Kind Always");

        assertThat(changes.get("Follower").actionAsString()).isEqualTo("Add");
        assertThat(changes.get("Gone").actionAsString()).isEqualTo("Remove");
        assertThat(changes.get("Gone").physicalResourceId()).isNotNull();
        assertThat(changes.get("Gone").policyActionAsString()).isEqualTo("Delete");
        assertThat(swap.policyActionAsString()).isEqualTo("ReplaceAndDelete");
        assertThat(tweak.policyAction()).isNull();

        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("v2"));
        var stack = driver.settle("app");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(stack.parameters()).extracting(p -> p.parameterKey() + "=" + p.parameterValue())
                .containsExactly("Secret=****", "Color=blue");
        String swapAfter = physical("app", "Swap");
        assertThat(swapAfter).isNotEqualTo(swapBefore);
        assertThat(TestRecordHandler.LIVE).doesNotContainKey(swapBefore).containsKey(swapAfter);
        assertThat(TestRecordHandler.LIVE.get(swapAfter)).containsEntry("Value", "hunter2");
        assertThat(TestRecordHandler.LIVE.get(physical("app", "Follower"))).containsEntry("Value", swapAfter);

        java.util.List<String> lines = driver.eventLines("app");
        java.util.List<String> update = lines.subList(lines.indexOf("app UPDATE_IN_PROGRESS User Initiated"), lines.size());
        assertThat(update).containsSubsequence(
                "Swap UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one.",
                "Swap UPDATE_IN_PROGRESS Resource creation Initiated",
                "Swap UPDATE_COMPLETE",
                "Follower CREATE_IN_PROGRESS",
                "app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                "Swap DELETE_IN_PROGRESS",
                "Swap DELETE_COMPLETE",
                "app UPDATE_COMPLETE");
        assertThat(update).containsSubsequence("app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "Gone DELETE_COMPLETE", "app UPDATE_COMPLETE");
        assertThat(update).noneMatch(l -> l.startsWith("Keep "));
        assertThat(cfn.listStackResources(r -> r.stackName("app")).stackResourceSummaries())
                .extracting(s -> s.logicalResourceId()).containsExactlyInAnyOrder("Keep", "Tweak", "Swap", "Follower");
    }

    @Test
    void resubmittingTheSameTemplateGivesTheNoChangesFailure() {
        driver.deploy("app", TEMPLATE);
        driver.changeSet("app", "again", ChangeSetType.UPDATE, TEMPLATE, b -> { });
        var cs = driver.awaitChangeSet("app", "again");
        assertThat(cs.status()).isEqualTo(ChangeSetStatus.FAILED);
        assertThat(cs.executionStatus()).isEqualTo(ExecutionStatus.UNAVAILABLE);
        assertThat(cs.statusReason()).isEqualTo(
                "The submitted information didn't contain changes. Submit different information to create a change set.");
        assertThat(cs.changes()).isEmpty();
        assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.stackName("app").changeSetName("again")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeSetStatus");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("ChangeSet [" + cs.changeSetId()
                            + "] cannot be executed in its current status of [FAILED]");
                });
        assertThat(driver.stack("app").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    }

    @Test
    void parameterOnlyAndTagOnlyChangesAreChanges() {
        driver.deploy("app", TEMPLATE);
        var stack = driver.deploy("app", TEMPLATE, b -> b.parameters(StackDriver.param("Greeting", "hi")));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(TestRecordHandler.LIVE.get(physical("app", "First"))).containsEntry("Value", "hi");

        driver.changeSet("app", "tags", ChangeSetType.UPDATE, TEMPLATE, b -> b
                .parameters(software.amazon.awssdk.services.cloudformation.model.Parameter.builder().parameterKey("Greeting").usePreviousValue(true).build())
                .tags(software.amazon.awssdk.services.cloudformation.model.Tag.builder().key("team").value("core").build()));
        var cs = driver.awaitChangeSet("app", "tags");
        assertThat(cs.status()).as(cs.statusReason()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(cs.changes()).allSatisfy(c -> {
            assertThat(c.resourceChange().actionAsString()).isEqualTo("Modify");
            assertThat(c.resourceChange().scopeAsStrings()).containsExactly("Tags");
            assertThat(c.resourceChange().replacementAsString()).isEqualTo("False");
        });
        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("tags"));
        assertThat(driver.settle("app").tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=core");
    }

    @Test
    void usePreviousTemplateKeepsTheDeployedTemplate() {
        driver.deploy("app", TEMPLATE);
        cfn.createChangeSet(r -> r.stackName("app").changeSetName("prev").usePreviousTemplate(true)
                .parameters(StackDriver.param("Greeting", "yo")));
        assertThat(driver.awaitChangeSet("app", "prev").status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(cfn.getTemplate(r -> r.stackName("app")).templateBody()).isEqualTo(TEMPLATE);
        assertThat(cfn.getTemplate(r -> r.stackName("app").changeSetName("prev")).templateBody()).isEqualTo(TEMPLATE);
    }

    @Test
    void changeSetNamesResolveWithinTheirStackAndArnsAlone() {
        var a = driver.changeSet("one", "shared", ChangeSetType.CREATE, TEMPLATE, b -> { });
        driver.changeSet("two", "shared", ChangeSetType.CREATE, TEMPLATE, b -> { });
        assertThat(cfn.describeChangeSet(r -> r.changeSetName(a.id())).stackName()).isEqualTo("one");
        assertThat(cfn.describeChangeSet(r -> r.stackName("two").changeSetName("shared")).stackName()).isEqualTo("two");
        assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.changeSetName("shared")))
                .hasMessageContaining("StackName must be specified if ChangeSetName is not specified as an ARN.");
        assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.stackName("one").changeSetName("nope")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ChangeSetNotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("ChangeSet [nope] does not exist");
                });
        assertThat(cfn.listChangeSets(r -> r.stackName("one")).summaries()).extracting(s -> s.changeSetName()).containsExactly("shared");
        assertThat(driver.changeSet("one", "shared", ChangeSetType.CREATE, TEMPLATE, b -> { }).id()).isEqualTo(a.id());
        assertThatThrownBy(() -> driver.changeSet("one", "shared", ChangeSetType.CREATE, TEMPLATE + "# edited\n", b -> { }))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExistsException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("ChangeSet shared cannot be created due to a mismatch with existing attribute Template");
                });
        cfn.deleteChangeSet(r -> r.stackName("one").changeSetName("shared"));
        assertThat(cfn.listChangeSets(r -> r.stackName("one")).summaries()).isEmpty();
    }

    @Test
    void createForAnExistingStackAndUpdateForAMissingOneAreRefused() {
        driver.deploy("app", TEMPLATE);
        assertThatThrownBy(() -> driver.changeSet("app", "again", ChangeSetType.CREATE, TEMPLATE, b -> { }))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Stack [app] already exists and cannot be created again with the changeSet [again]."));
        assertThatThrownBy(() -> driver.changeSet("ghost", "u", ChangeSetType.UPDATE, TEMPLATE, b -> { }))
                .hasMessageContaining("Stack [ghost] does not exist");
    }

    @Test
    void executeIsIdempotentForTheSameClientRequestToken() {
        driver.changeSet("app", "first", ChangeSetType.CREATE, TEMPLATE, b -> { });
        driver.awaitChangeSet("app", "first");
        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("first").clientRequestToken("tok-1"));
        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("first").clientRequestToken("tok-1"));
        assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.stackName("app").changeSetName("first").clientRequestToken("tok-2")))
                .isInstanceOfSatisfying(CloudFormationException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ChangeSetNotFound"));
        assertThat(driver.settle("app").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        var events = driver.events("app");
        assertThat(events.stream().filter(e -> e.logicalResourceId().equals("First")
                && e.resourceStatusAsString().equals("CREATE_COMPLETE"))).hasSize(1);
        assertThat(events).filteredOn(e -> !e.resourceStatusAsString().equals("REVIEW_IN_PROGRESS"))
                .allSatisfy(e -> assertThat(e.clientRequestToken()).isEqualTo("tok-1"));
    }

    @Test
    void stacksLiveInTheirAccountAndRegion() {
        driver.deploy("app", TEMPLATE);
        assertThat(cloud.as("qa").cloudFormation().describeStacks().stacks()).isEmpty();
        var west = software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                .endpointOverride(cloud.cloud().endpoint()).region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                cloud.cloud().account("staging").accessKeyId(), cloud.cloud().account("staging").secretAccessKey())))
                .build();
        assertThat(west.describeStacks().stacks()).isEmpty();
        assertThatThrownBy(() -> west.describeStacks(r -> r.stackName("app")))
                .hasMessageContaining("Stack with id app does not exist");
        assertThat(cfn.describeStacks().stacks()).extracting(s -> s.stackName()).containsExactly("app");
    }

    private String physical(String stack, String logical) {
        return cfn.describeStackResources(r -> r.stackName(stack).logicalResourceId(logical)).stackResources().get(0).physicalResourceId();
    }

    @Test
    void malformedChangeSetRequestsAreRefusedWithAwsTexts() {
        assertThatThrownBy(() -> driver.changeSet("app", "bad_name", ChangeSetType.CREATE, TEMPLATE, b -> { }))
                .hasMessageContaining("1 validation error detected: Value 'bad_name' at 'changeSetName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        assertThatThrownBy(() -> driver.changeSet("9app", "c", ChangeSetType.CREATE, TEMPLATE, b -> { }))
                .hasMessageContaining("Value '9app' at 'stackName' failed to satisfy constraint");
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE)
                .usePreviousTemplate(true)))
                .hasMessageContaining("UsePreviousTemplate can not be used for a stack that does not exist.");
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE)))
                .hasMessageContaining("Either Template URL or Template Body must be specified.");
        assertThatThrownBy(() -> driver.changeSet("app", "c", ChangeSetType.CREATE, TEMPLATE, b -> b.parameters(
                software.amazon.awssdk.services.cloudformation.model.Parameter.builder().parameterKey("Greeting").usePreviousValue(true).build())))
                .hasMessageContaining("Invalid input for parameter key Greeting. Cannot specify usePreviousValue as true for a parameter key not in the previous template");
        assertThatThrownBy(() -> cfn.listChangeSets(r -> r.stackName("ghost"))).hasMessageContaining("Stack [ghost] does not exist");
        assertThat(cfn.listStacks().stackSummaries()).isEmpty();
    }
}
