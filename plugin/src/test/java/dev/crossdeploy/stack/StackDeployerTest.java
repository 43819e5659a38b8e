package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.report.OutputsFile;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackDeployerTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    static final String STACK = "orders-staging";
    static final ArtifactRef ARTIFACT = new ArtifactRef("crossdeploy-artifacts-222222222222-us-east-1",
            "orders/3f2a.zip", "3f2a9c0e1d");

    static final String TABLE_TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              Stage: {Type: String}
              ArtifactKey: {Type: String}
              TableName: {Type: String, Default: orders}
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub '${TableName}-${Stage}'
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
            Outputs:
              TableName: {Value: !Ref Table}
              Artifact: {Value: !Ref ArtifactKey}
            """;

    static final String TABLE_AND_LOGS_TEMPLATE = TABLE_TEMPLATE.replace("Outputs:", """
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  RetentionInDays: 7
            Outputs:
              LogGroup: {Value: !Ref Logs}""");

    /** A table whose key names an attribute it does not define: CloudFormation fails to create it. */
    static final String BROKEN_TABLE_TEMPLATE = TABLE_TEMPLATE.replace(
            "KeySchema: [{AttributeName: id, KeyType: HASH}]", "KeySchema: [{AttributeName: missing, KeyType: HASH}]");

    @TempDir
    Path dir;

    final RecordingReporter reporter = new RecordingReporter();

    StackDeployer deployer() {
        return new StackDeployer(cloud.cfn(), new S3TemplateUploader(cloud.s3()), reporter,
                Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(200)));
    }

    DeployRequest request(String template, Stage stage) throws Exception {
        return request(template, stage, Set.of(), false);
    }

    DeployRequest request(String template, Stage stage, Set<String> allowReplace, boolean dryRun) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, template);
        return new DeployRequest(stage, STACK, file, ARTIFACT, ParameterNames.DEFAULTS, allowReplace, dryRun,
                Duration.ofMinutes(5), dir.resolve("target/crossdeploy"));
    }

    Stage staging() { return cloud.stage("staging", Map.of(), false); }

    Stack stack() {
        return cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0);
    }

    boolean stackExists() {
        try {
            return !"DELETE_COMPLETE".equals(stack().stackStatusAsString());
        } catch (CloudFormationException e) {
            return false;
        }
    }

    /** Change sets not executed: the ones a run must not leave behind. */
    int changeSets() {
        return (int) cloud.cfn().listChangeSets(b -> b.stackName(STACK)).summaries().stream()
                .filter(s -> !"EXECUTE_COMPLETE".equals(s.executionStatusAsString())).count();
    }

    @Test
    void firstDeploymentCreatesTheStackAndPublishesItsOutputs() throws Exception {
        DeployResult result = deployer().deploy(request(TABLE_TEMPLATE, staging()));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(result.changed()).isTrue();
        assertThat(result.changes()).containsExactly(new ChangeRow("Add", "Table", "AWS::DynamoDB::Table", ""));
        assertThat(result.outputs()).containsEntry("TableName", "orders-staging").containsEntry("Artifact", "orders/3f2a.zip");

        Stack stack = stack();
        assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.roleARN()).isEqualTo(cloud.executionRoleArn());
        // Only tags that stay the same between deployments: CloudFormation copies stack tags onto the resources.
        assertThat(stack.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "team", "orders", "crossdeploy:stage", "staging"));
        assertThat(stack.parameters()).anySatisfy(p -> assertThat(p.parameterKey() + "=" + p.parameterValue())
                .isEqualTo("ArtifactKey=orders/3f2a.zip"));
        assertThat(stack.enableTerminationProtection()).isFalse();

        Path file = dir.resolve("target/crossdeploy/staging-outputs.json");
        assertThat(result.outputsFile()).isEqualTo(file);
        assertThat(OutputsFile.read(file)).containsExactlyInAnyOrderEntriesOf(result.outputs());

        assertThat(reporter.messages())
                .contains("Artifact: s3://crossdeploy-artifacts-222222222222-us-east-1/orders/3f2a.zip (sha256 3f2a9c0e1d)")
                .contains("  Action  Logical ID  Type                  Replacement  Why",
                        "  Add     Table       AWS::DynamoDB::Table")
                .anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d  Table +AWS::DynamoDB::Table +CREATE_COMPLETE"))
                .anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d  orders-staging +AWS::CloudFormation::Stack +CREATE_COMPLETE"))
                .contains("Stack orders-staging is CREATE_COMPLETE")
                .noneSatisfy(l -> assertThat(l).contains("REVIEW_IN_PROGRESS"))
                .noneSatisfy(l -> assertThat(l).contains("\u001b"));
    }

    @Test
    void updateShowsOnlyTheNewOperationsEvents() throws Exception {
        deployer().deploy(request(TABLE_TEMPLATE, staging()));
        reporter.clear();

        DeployResult result = deployer().deploy(request(TABLE_AND_LOGS_TEMPLATE, staging()));

        assertThat(result.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(result.changes()).extracting(ChangeRow::action, ChangeRow::logicalId)
                .contains(org.assertj.core.groups.Tuple.tuple("Add", "Logs"));
        assertThat(result.outputs()).containsKey("LogGroup");
        assertThat(reporter.messages())
                .anySatisfy(l -> assertThat(l).contains(" UPDATE_COMPLETE"))
                .noneSatisfy(l -> assertThat(l).matches(".*  Table +AWS::DynamoDB::Table +CREATE_COMPLETE.*"));
    }

    @Test
    void unchangedStackIsSuccessWithNoChangesAndNoChangeSetLeft() throws Exception {
        deployer().deploy(request(TABLE_TEMPLATE, staging()));
        Files.delete(dir.resolve("target/crossdeploy/staging-outputs.json"));
        reporter.clear();

        DeployResult result = deployer().deploy(request(TABLE_TEMPLATE, staging()));

        assertThat(result.changed()).isFalse();
        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(reporter.messages()).contains("No changes: stack orders-staging already matches the template and parameters; change set deleted");
        assertThat(changeSets()).isZero();
        assertThat(OutputsFile.read(dir.resolve("target/crossdeploy/staging-outputs.json"))).containsEntry("TableName", "orders-staging");
    }

    @Test
    void failedFirstDeploymentNamesTheRootCauseAndTheNextOneStartsOver() throws Exception {
        assertThatThrownBy(() -> deployer().deploy(request(BROKEN_TABLE_TEMPLATE, staging())))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Deployment of stack orders-staging to stage staging failed (ROLLBACK_COMPLETE). Root cause: Table (AWS::DynamoDB::Table) CREATE_FAILED: ")
                .hasMessageNotContaining("cancelled");
        assertThat(stack().stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(reporter.messages()).anySatisfy(l -> assertThat(l).startsWith("Root cause: Table (AWS::DynamoDB::Table) CREATE_FAILED: "));
        reporter.clear();

        DeployResult result = deployer().deploy(request(TABLE_TEMPLATE, staging()));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(reporter.messages()).contains(
                "Stack orders-staging is in ROLLBACK_COMPLETE (its first deployment failed); deleting it and creating it again");
    }

    @Test
    void failedUpdateRollsBackAndNamesTheRootCause() throws Exception {
        deployer().deploy(request(TABLE_TEMPLATE, staging()));
        reporter.clear();
        String brokenLogs = TABLE_AND_LOGS_TEMPLATE.replace("RetentionInDays: 7", "RetentionInDays: 8");

        assertThatThrownBy(() -> deployer().deploy(request(brokenLogs, staging())))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Deployment of stack orders-staging to stage staging failed (UPDATE_ROLLBACK_COMPLETE). Root cause: Logs (AWS::Logs::LogGroup) CREATE_FAILED: ");

        assertThat(stack().stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(reporter.lines()).filteredOn(l -> l.startsWith("ERROR Root cause: ")).singleElement()
                .satisfies(l -> assertThat(l).startsWith("ERROR Root cause: Logs (AWS::Logs::LogGroup) CREATE_FAILED: "));
        assertThat(reporter.lines().get(reporter.lines().size() - 1))
                .startsWith("ERROR Deployment of stack orders-staging to stage staging failed (UPDATE_ROLLBACK_COMPLETE). Root cause: Logs");
    }

    @Test
    void protectedStageRefusesToReplaceATableUnlessAllowed() throws Exception {
        Stage prod = cloud.stage("prod", Map.of(), true);
        // No custom name, so CloudFormation can create the replacement beside the old table.
        String generatedName = TABLE_TEMPLATE.replace("      TableName: !Sub '${TableName}-${Stage}'\n", "");
        String firstTable = deployer().deploy(request(generatedName, prod)).outputs().get("TableName");
        assertThat(stack().enableTerminationProtection()).isTrue();
        assertThat(reporter.messages()).contains("Termination protection enabled on stack orders-staging (protected stage prod)");
        reporter.clear();
        String rekeyed = generatedName.replace("AttributeName: id", "AttributeName: pk");

        assertThatThrownBy(() -> deployer().deploy(request(rekeyed, prod)))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused: in protected stage prod the change set would replace Table (AWS::DynamoDB::Table), losing its data;"
                        + " the change set was deleted. To allow it, run again with -Dcrossdeploy.allowReplace=Table");
        assertThat(changeSets()).isZero();
        assertThat(stack().stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(reporter.messages()).contains(
                "  Modify  Table       AWS::DynamoDB::Table  True         Properties: AttributeDefinitions, KeySchema (replaces)");

        DeployResult allowed = deployer().deploy(request(rekeyed, prod, Set.of("Table"), false));

        assertThat(allowed.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(allowed.changes()).containsExactly(new ChangeRow("Modify", "Table", "AWS::DynamoDB::Table", "True",
                "Properties: AttributeDefinitions, KeySchema (replaces)"));
        assertThat(allowed.outputs().get("TableName")).isNotEqualTo(firstTable);
    }

    @Test
    void dryRunOfANewStackLeavesNoStackAndNoChangeSet() throws Exception {
        DeployResult result = deployer().deploy(request(TABLE_TEMPLATE, staging(), Set.of(), true));

        assertThat(result.status()).isEqualTo("DRY_RUN");
        assertThat(result.changes()).extracting(ChangeRow::logicalId).containsExactly("Table");
        assertThat(stackExists()).isFalse();
        assertThat(reporter.messages()).contains("  Add     Table       AWS::DynamoDB::Table",
                "Dry run: change set and the empty stack it needed deleted; nothing deployed");
        assertThat(Files.exists(dir.resolve("target/crossdeploy/staging-outputs.json"))).isFalse();
    }

    @Test
    void dryRunOfAnUpdateLeavesTheStackAsItWas() throws Exception {
        deployer().deploy(request(TABLE_TEMPLATE, staging()));

        DeployResult result = deployer().deploy(request(TABLE_AND_LOGS_TEMPLATE, staging(), Set.of(), true));

        assertThat(result.changes()).extracting(ChangeRow::logicalId).contains("Logs");
        assertThat(changeSets()).isZero();
        assertThat(stack().stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack().outputs()).noneSatisfy(o -> assertThat(o.outputKey()).isEqualTo("LogGroup"));
    }

    @Test
    void throttledEventPollsDoNotFailTheDeployment() throws Exception {
        cloud.cloud().state().faults().add(FaultRule.next(3, "cloudformation", "DescribeStackEvents", FaultKind.THROTTLE));

        DeployResult result = deployer().deploy(request(TABLE_TEMPLATE, staging()));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(3);
    }

    @Test
    void serverErrorsWhilePollingDoNotFailTheDeployment() throws Exception {
        cloud.cloud().state().faults().add(FaultRule.next(2, "cloudformation", "DescribeStacks", FaultKind.INTERNAL_ERROR));
        cloud.cloud().state().faults().add(FaultRule.next(2, "cloudformation", "DescribeChangeSet", FaultKind.UNAVAILABLE));

        DeployResult result = deployer().deploy(request(TABLE_TEMPLATE, staging()));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(4);
    }

    @Test
    void stageParameterNotInTheTemplateFailsBeforeAnyWrite() throws Exception {
        Stage stage = cloud.stage("staging", Map.of("Memroy", "512"), false);

        assertThatThrownBy(() -> deployer().deploy(request(TABLE_TEMPLATE, stage)))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage staging sets parameter Memroy, which template template.yaml does not declare (declared: Stage, ArtifactKey, TableName)");
        assertThat(stackExists()).isFalse();
    }

    @Test
    void requiredParameterWithoutValueFailsBeforeAnyWrite() throws Exception {
        String template = TABLE_TEMPLATE.replace("Parameters:\n", "Parameters:\n  DbPassword: {Type: String, NoEcho: true}\n");

        assertThatThrownBy(() -> deployer().deploy(request(template, staging())))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Template parameter DbPassword in template.yaml has no Default and no value: set it in stage staging's parameters");
        assertThat(stackExists()).isFalse();
    }

    @Test
    void noEchoValuesAreMaskedInEverythingPrinted() throws Exception {
        String template = TABLE_TEMPLATE.replace("Parameters:\n", "Parameters:\n  DbPassword: {Type: String, NoEcho: true}\n");
        Stage stage = cloud.stage("staging", Map.of("DbPassword", "hunter2-s3cr3t"), false);

        deployer().deploy(request(template, stage));

        assertThat(reporter.messages()).contains("  DbPassword   ****")
                .noneSatisfy(l -> assertThat(l).contains("hunter2-s3cr3t"));
    }

    @Test
    void templatesOverTheInlineLimitGoThroughTheArtifactBucket() throws Exception {
        Stage staging = staging();
        cloud.s3().createBucket(b -> b.bucket(staging.artifactBucket()));
        String big = "# " + "padding ".repeat(Template.MAX_BODY_BYTES / 8) + "\n" + TABLE_TEMPLATE;

        DeployResult result = deployer().deploy(request(big, staging));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        String key = "templates/" + Template.load(dir.resolve("template.yaml")).sha256() + ".template";
        assertThat(cloud.s3().headObject(b -> b.bucket(staging.artifactBucket()).key(key)).contentLength())
                .isEqualTo(Files.size(dir.resolve("template.yaml")));
        assertThat(reporter.messages()).anySatisfy(l -> assertThat(l)
                .startsWith("Template is " + Files.size(dir.resolve("template.yaml")) + " bytes; CloudFormation reads it from ")
                .endsWith("/" + staging.artifactBucket() + "/" + key));
    }

    @Test
    void templatesOverTheInlineLimitWithoutABucketFailInOneLine() throws Exception {
        Stage noBucket = Stages.plain("staging", Map.of());
        String big = "# " + "padding ".repeat(Template.MAX_BODY_BYTES / 8) + "\n" + TABLE_TEMPLATE;
        DeployRequest request = request(big, noBucket);

        assertThatThrownBy(() -> deployer().deploy(request))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageMatching("Template .*template.yaml is \\d+ bytes, over CloudFormation's 51200-byte limit for inline templates,"
                        + " and no artifact bucket is available to upload it to");
    }

    @Test
    void namedIamResourcesAreAcknowledgedWithoutBeingAsked() throws Exception {
        String template = """
                Resources:
                  FunctionRole:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: orders-function
                      AssumeRolePolicyDocument:
                        Version: '2012-10-17'
                        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]
                """;

        DeployResult result = deployer().deploy(request(template, staging()));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(reporter.messages()).contains("Capabilities: CAPABILITY_IAM, CAPABILITY_NAMED_IAM");
    }

    @Test
    void templateCloudFormationRejectsFailsWithItsReasonAndLeavesNoStack() throws Exception {
        String template = "Resources:\n  Thing: {Type: AWS::Nope::Thing}\n";

        assertThatThrownBy(() -> deployer().deploy(request(template, staging())))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageContaining("the change set for stack orders-staging: ")
                .hasMessageContaining("Unrecognized resource types: [AWS::Nope::Thing]");
        assertThat(stackExists()).isFalse();
    }

    @Test
    void missingTemplateFailsNamingThePath() {
        Path missing = dir.resolve("src/main/cloudformation/template.yaml");
        DeployRequest request = new DeployRequest(staging(), STACK, missing, ARTIFACT, null, null, false, null, dir);

        assertThatThrownBy(() -> deployer().deploy(request))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Template not found: " + missing + " (set crossdeploy.template or create it)");
    }
}
