package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.PropertyDifference;
import software.amazon.awssdk.services.cloudformation.model.StackDriftDetectionStatus;
import software.amazon.awssdk.services.cloudformation.model.StackDriftStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drift of the resources the cloud runs for real, changed by hand through their services' own
 * APIs (UpdateFunctionConfiguration, UpdateTable, UpdateTimeToLive), and the DriftInformation
 * that stack and resource descriptions carry once a detection has run.
 */
class ServiceDriftTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final String TEMPLATE = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: drift-fn-role
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
                  Policies:
                    - PolicyName: read-orders
                      PolicyDocument:
                        Version: '2012-10-17'
                        Statement: [{Effect: Allow, Action: [dynamodb:GetItem], Resource: '*'}]
              Files:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: drift-files
                  PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true}
                  BucketEncryption:
                    ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]
              Other:
                Type: Test::Record
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: drift-fn
                  Runtime: java17
                  Handler: app.Handler::handleRequest
                  Role: !GetAtt Role.Arn
                  MemorySize: 512
                  Timeout: 10
                  Environment: {Variables: {LOG_LEVEL: INFO, TABLE: orders}}
                  Code: {ZipFile: "not run by these tests"}
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: drift-orders
                  BillingMode: PROVISIONED
                  ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
                  KeySchema: [{AttributeName: pk, KeyType: HASH}]
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                  TimeToLiveSpecification: {AttributeName: expires, Enabled: true}
              Audit:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: drift-audit
                  ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
                  KeySchema: [{AttributeName: pk, KeyType: HASH}]
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
            """;

    private Clients staging;
    private CloudFormationClient cfn;
    private LambdaClient lambda;
    private DynamoDbClient dynamo;

    @BeforeEach
    void deploy() {
        staging = cloud.as("staging");
        cfn = staging.cloudFormation();
        lambda = staging.lambda();
        dynamo = staging.dynamoDb();
        new StackDriver(cfn).deploy("svc", TEMPLATE);
    }

    private StackDriftStatus detect() {
        String id = cfn.detectStackDrift(r -> r.stackName("svc")).stackDriftDetectionId();
        var status = StackDriver.await(() -> cfn.describeStackDriftDetectionStatus(r -> r.stackDriftDetectionId(id)),
                s -> s.detectionStatus() != StackDriftDetectionStatus.DETECTION_IN_PROGRESS, "drift detection " + id);
        assertThat(status.detectionStatus()).isEqualTo(StackDriftDetectionStatus.DETECTION_COMPLETE);
        return status.stackDriftStatus();
    }

    private StackResourceDrift drift(String logicalId) {
        return cfn.describeStackResourceDrifts(r -> r.stackName("svc")).stackResourceDrifts().stream()
                .filter(d -> d.logicalResourceId().equals(logicalId)).findFirst().orElseThrow();
    }

    private static List<String> differences(StackResourceDrift d) {
        return d.propertyDifferences().stream().map(ServiceDriftTest::line).toList();
    }

    private static String line(PropertyDifference p) {
        return p.propertyPath() + " " + p.expectedValue() + " -> " + p.actualValue() + " " + p.differenceTypeAsString();
    }

    private void awaitActive(String table) {
        StackDriver.await(() -> dynamo.describeTable(r -> r.tableName(table)).table(),
                t -> t.tableStatus() == TableStatus.ACTIVE, "table " + table + " to be ACTIVE");
    }

    @Test
    void functionsAndTablesAsDeployedAreInSyncAndTypesWithoutDriftSupportAreNotListed() {
        assertThat(detect()).isEqualTo(StackDriftStatus.IN_SYNC);
        assertThat(cfn.describeStackResourceDrifts(r -> r.stackName("svc")).stackResourceDrifts())
                .extracting(d -> d.logicalResourceId() + " " + d.stackResourceDriftStatusAsString())
                .containsExactly("Audit IN_SYNC", "Files IN_SYNC", "Fn IN_SYNC", "Orders IN_SYNC", "Role IN_SYNC");
        assertThat(dynamo.describeTimeToLive(r -> r.tableName("drift-orders")).timeToLiveDescription())
                .satisfies(t -> assertThat(t.timeToLiveStatus() + " " + t.attributeName()).isEqualTo("ENABLED expires"));
    }

    @Test
    void aFunctionsConfigurationChangedByHandIsReportedPropertyByProperty() {
        var answer = lambda.updateFunctionConfiguration(r -> r.functionName("drift-fn").memorySize(1024)
                .description("hotfix by hand")
                .environment(e -> e.variables(Map.of("LOG_LEVEL", "DEBUG", "TABLE", "orders", "TRACE", "on"))));
        assertThat(answer.memorySize()).isEqualTo(1024);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("drift-fn")).environment().variables())
                .containsEntry("LOG_LEVEL", "DEBUG");

        assertThat(detect()).isEqualTo(StackDriftStatus.DRIFTED);
        StackResourceDrift fn = drift("Fn");
        assertThat(fn.stackResourceDriftStatus()).isEqualTo(StackResourceDriftStatus.MODIFIED);
        assertThat(fn.physicalResourceId()).isEqualTo("drift-fn");
        // Description is not in the template: a value set by hand where the template sets none is not drift.
        assertThat(differences(fn)).containsExactly(
                "/MemorySize 512 -> 1024 NOT_EQUAL",
                "/Environment/Variables/LOG_LEVEL INFO -> DEBUG NOT_EQUAL",
                "/Environment/Variables/TRACE null -> on ADD");
        assertThat(fn.actualProperties()).contains("\"MemorySize\":1024").doesNotContain("hotfix");
        assertThat(drift("Orders").stackResourceDriftStatus()).isEqualTo(StackResourceDriftStatus.IN_SYNC);
    }

    @Test
    void aTablesCapacityBillingModeAndTimeToLiveChangedByHandAreReported() {
        dynamo.updateTable(r -> r.tableName("drift-orders").provisionedThroughput(t -> t.readCapacityUnits(10L).writeCapacityUnits(5L)));
        dynamo.updateTimeToLive(r -> r.tableName("drift-orders").timeToLiveSpecification(t -> t.attributeName("expires").enabled(false)));
        dynamo.updateTable(r -> r.tableName("drift-audit").billingMode(BillingMode.PAY_PER_REQUEST));
        awaitActive("drift-orders");
        awaitActive("drift-audit");

        assertThat(detect()).isEqualTo(StackDriftStatus.DRIFTED);
        assertThat(differences(drift("Orders"))).containsExactly(
                "/ProvisionedThroughput/ReadCapacityUnits 5 -> 10 NOT_EQUAL",
                "/TimeToLiveSpecification/AttributeName expires -> null REMOVE",
                "/TimeToLiveSpecification/Enabled true -> false NOT_EQUAL");
        // Audit's template sets no BillingMode, so only the capacity it does set can drift.
        assertThat(differences(drift("Audit"))).containsExactly(
                "/ProvisionedThroughput {\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1} -> null REMOVE");

        dynamo.deleteTable(r -> r.tableName("drift-audit"));
        var deleted = cfn.detectStackResourceDrift(r -> r.stackName("svc").logicalResourceId("Audit")).stackResourceDrift();
        assertThat(deleted.stackResourceDriftStatus()).isEqualTo(StackResourceDriftStatus.DELETED);
        assertThat(deleted.expectedProperties()).isNull();
        assertThat(deleted.actualProperties()).isNull();
    }

    @Test
    void aRolesPolicyAndABucketsPublicAccessAndEncryptionChangedByHandAreReported() {
        staging.iam().putRolePolicy(r -> r.roleName("drift-fn-role").policyName("read-orders").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:DeleteItem"],"Resource":"*"}]}"""));
        // A policy the template does not name is drift of Policies, which the template sets.
        staging.iam().putRolePolicy(r -> r.roleName("drift-fn-role").policyName("debug").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"""));
        staging.s3().putPublicAccessBlock(r -> r.bucket("drift-files").publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).blockPublicPolicy(false).ignorePublicAcls(false).restrictPublicBuckets(false)));
        staging.s3().putBucketEncryption(r -> r.bucket("drift-files").serverSideEncryptionConfiguration(c -> c
                .rules(rule -> rule.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm("aws:kms")))));

        assertThat(detect()).isEqualTo(StackDriftStatus.DRIFTED);
        assertThat(differences(drift("Role"))).containsExactly(
                "/Policies/0/PolicyDocument/Statement/0/Action/1 null -> dynamodb:DeleteItem ADD",
                "/Policies/1 null -> {\"PolicyName\":\"debug\",\"PolicyDocument\":{\"Version\":\"2012-10-17\","
                        + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}} ADD");
        assertThat(differences(drift("Files"))).containsExactly(
                "/PublicAccessBlockConfiguration/BlockPublicPolicy true -> false NOT_EQUAL",
                "/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm AES256 -> aws:kms NOT_EQUAL");
    }

    @Test
    void driftInformationIsNotCheckedUntilADetectionAndThenCarriesItsResultAndTime() {
        var before = cfn.describeStacks(r -> r.stackName("svc")).stacks().get(0).driftInformation();
        assertThat(before.stackDriftStatus()).isEqualTo(StackDriftStatus.NOT_CHECKED);
        assertThat(before.lastCheckTimestamp()).isNull();
        assertThat(cfn.describeStackResource(r -> r.stackName("svc").logicalResourceId("Fn"))
                .stackResourceDetail().driftInformation().stackResourceDriftStatusAsString()).isEqualTo("NOT_CHECKED");

        Instant started = Instant.now().minusSeconds(1);
        lambda.updateFunctionConfiguration(r -> r.functionName("drift-fn").timeout(30));
        detect();

        var stack = cfn.describeStacks(r -> r.stackName("svc")).stacks().get(0).driftInformation();
        assertThat(stack.stackDriftStatus()).isEqualTo(StackDriftStatus.DRIFTED);
        assertThat(stack.lastCheckTimestamp()).isAfter(started);
        assertThat(cfn.listStacks().stackSummaries()).filteredOn(s -> s.stackName().equals("svc"))
                .singleElement().satisfies(s -> assertThat(s.driftInformation().stackDriftStatus()).isEqualTo(StackDriftStatus.DRIFTED));
        assertThat(cfn.describeStackResources(r -> r.stackName("svc")).stackResources())
                .extracting(r -> r.logicalResourceId() + " " + r.driftInformation().stackResourceDriftStatusAsString()
                        + " " + (r.driftInformation().lastCheckTimestamp() != null))
                .containsExactlyInAnyOrder("Other NOT_CHECKED false", "Role IN_SYNC true", "Files IN_SYNC true",
                        "Fn MODIFIED true", "Orders IN_SYNC true", "Audit IN_SYNC true");
        assertThat(cfn.listStackResources(r -> r.stackName("svc")).stackResourceSummaries())
                .filteredOn(r -> r.logicalResourceId().equals("Fn")).singleElement()
                .satisfies(r -> assertThat(r.driftInformation().stackResourceDriftStatusAsString()).isEqualTo("MODIFIED"));
        var detail = cfn.describeStackResource(r -> r.stackName("svc").logicalResourceId("Fn")).stackResourceDetail().driftInformation();
        assertThat(detail.stackResourceDriftStatusAsString()).isEqualTo("MODIFIED");
        assertThat(detail.lastCheckTimestamp()).isEqualTo(stack.lastCheckTimestamp());

        lambda.updateFunctionConfiguration(r -> r.functionName("drift-fn").timeout(10));
        assertThat(detect()).isEqualTo(StackDriftStatus.IN_SYNC);
        assertThat(cfn.describeStacks(r -> r.stackName("svc")).stacks().get(0).driftInformation().stackDriftStatus())
                .isEqualTo(StackDriftStatus.IN_SYNC);
    }

    @Test
    void handMadeChangesTheServicesRefuseSayWhy() {
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("drift-fn").memorySize(64)))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint:"
                                + " Member must have value greater than or equal to 128"));
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("drift-fn").timeout(901)))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint:"
                                + " Member must have value less than or equal to 900"));
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("drift-fn").runtime("java8")))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "The runtime parameter of java8 is no longer supported for creating or updating AWS Lambda functions."
                                + " We recommend you use the new runtime (java21) while creating or updating functions."));
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("ghost").timeout(5)))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Function not found: arn:aws:lambda:us-east-1:222222222222:function:ghost"));
        assertThatThrownBy(() -> dynamo.updateTimeToLive(r -> r.tableName("drift-orders")
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("TimeToLive is already enabled"));
        assertThatThrownBy(() -> dynamo.updateTimeToLive(r -> r.tableName("drift-audit")
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(false))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("TimeToLive is already disabled"));
        assertThatThrownBy(() -> dynamo.updateTimeToLive(r -> r.tableName("drift-audit")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy"
                                + " constraint: Member must not be null"));
        assertThatThrownBy(() -> dynamo.updateTimeToLive(r -> r.tableName("drift-audit").timeToLiveSpecification(t -> t.enabled(true))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to"
                                + " satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> dynamo.describeTimeToLive(r -> r.tableName("ghost")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode() + ": "
                        + e.awsErrorDetails().errorMessage()).isEqualTo("ResourceNotFoundException: Requested resource not found: Table: ghost not found"));
        assertThat(dynamo.describeTimeToLive(r -> r.tableName("drift-audit")).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("drift-fn")).memorySize()).isEqualTo(512);
    }
}
