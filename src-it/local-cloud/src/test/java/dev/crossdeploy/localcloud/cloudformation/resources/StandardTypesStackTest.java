package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.crossdeploy.localcloud.support.Stacks.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The standard types provisioned through real CloudFormation change sets against the local cloud. */
class StandardTypesStackTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final String SERVICE = """
            Parameters:
              Billing: {Type: String, Default: PAY_PER_REQUEST}
            Resources:
              FnRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
                  ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
                  Policies:
                    - PolicyName: table
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement: [{Effect: Allow, Action: "dynamodb:*", Resource: !GetAtt Table.Arn}]
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: !Ref Billing
                  ProvisionedThroughput: !If [Provisioned, {ReadCapacityUnits: 1, WriteCapacityUnits: 1}, !Ref AWS::NoValue]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
              Logs:
                Type: AWS::Logs::LogGroup
                Properties: {LogGroupName: !Sub "/aws/lambda/${AWS::StackName}-fn", RetentionInDays: 14}
              Fn:
                Type: AWS::Lambda::Function
                DependsOn: Logs
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-fn"
                  Runtime: java21
                  Handler: example.Handler::handleRequest
                  MemorySize: 1024
                  Role: !GetAtt FnRole.Arn
                  Code: {ZipFile: "placeholder"}
                  Environment: {Variables: {TABLE: !Ref Table}}
                  SnapStart: {ApplyOn: PublishedVersions}
              FnVersion:
                Type: AWS::Lambda::Version
                Properties: {FunctionName: !Ref Fn}
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: !Sub "${AWS::StackName}-api"}
              Orders:
                Type: AWS::ApiGateway::Resource
                Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: orders}
              GetOrders:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !Ref Orders
                  HttpMethod: GET
                  AuthorizationType: NONE
                  Integration:
                    Type: AWS_PROXY
                    IntegrationHttpMethod: POST
                    Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"
              Invoke:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Fn
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/orders"
              Deployment:
                Type: AWS::ApiGateway::Deployment
                DependsOn: GetOrders
                Properties: {RestApiId: !Ref Api}
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties: {RestApiId: !Ref Api, DeploymentId: !Ref Deployment, StageName: live}
            Conditions:
              Provisioned: !Equals [!Ref Billing, PROVISIONED]
            Outputs:
              ApiUrl: {Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"}
              RoleArn: {Value: !GetAtt FnRole.Arn}
              TableArn: {Value: !GetAtt Table.Arn}
              Version: {Value: !GetAtt FnVersion.Version}
            """;

    private CloudFormationClient cfn;

    @BeforeEach
    void client() { cfn = cloud.as("staging").cloudFormation(); }

    @Test
    void aServiceStackProvisionsEveryPartWithRealisticOutputs() {
        Stack stack = deploy("orders", ChangeSetType.CREATE, SERVICE, Map.of());

        assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        Map<String, String> outputs = outputs(stack);
        assertThat(outputs.get("ApiUrl")).matches("https://[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com/live");
        assertThat(outputs.get("TableArn")).matches("arn:aws:dynamodb:us-east-1:222222222222:table/orders-Table-[A-Z0-9]{13}");
        assertThat(outputs.get("Version")).isEqualTo("1");
        String roleName = outputs.get("RoleArn").substring(outputs.get("RoleArn").lastIndexOf('/') + 1);
        var role = cloud.as("staging").iam().getRole(r -> r.roleName(roleName)).role();
        assertThat(role.arn()).isEqualTo(outputs.get("RoleArn"));
        assertThat(cloud.as("staging").iam().getRolePolicy(r -> r.roleName(roleName).policyName("table")).policyDocument())
                .contains("dynamodb");
    }

    @Test
    void changingBillingModeUpdatesTheTableInPlace() {
        String before = outputs(deploy("orders", ChangeSetType.CREATE, SERVICE, Map.of())).get("TableArn");

        Stack updated = deploy("orders", ChangeSetType.UPDATE, SERVICE, Map.of("Billing", "PROVISIONED"));

        assertThat(updated.stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(outputs(updated).get("TableArn")).isEqualTo(before);
    }

    @Test
    void aPropertyValidationFailureIsTheResourcesReasonAndTheStackRollsBack() {
        String template = """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                """;

        Stack stack = deploy("broken", ChangeSetType.CREATE, template, Map.of());

        assertThat(stack.stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(reasons("broken", "Table")).contains(
                "Properties validation failed for resource Table with message: [#: required key [KeySchema] not found]");
    }

    @Test
    void aHandlerFailureIsTheResourcesReason() {
        String template = """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                """;

        deploy("broken", ChangeSetType.CREATE, template, Map.of());

        assertThat(reasons("broken", "Table")).anySatisfy(r -> assertThat(r).startsWith(
                "Resource handler returned message: \"One or more parameter values were invalid: Some index key attributes are not"
                        + " defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [id] (Service: DynamoDb, Status Code: 400"));
    }

    private Stack deploy(String name, ChangeSetType type, String template, Map<String, String> parameters) {
        String changeSet = "cs-" + System.nanoTime();
        cfn.createChangeSet(r -> r.stackName(name).changeSetName(changeSet).changeSetType(type).templateBody(template)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM)
                .parameters(parameters.entrySet().stream()
                        .map(e -> software.amazon.awssdk.services.cloudformation.model.Parameter.builder()
                                .parameterKey(e.getKey()).parameterValue(e.getValue()).build()).toList()));
        var described = await(() -> cfn.describeChangeSet(r -> r.stackName(name).changeSetName(changeSet)),
                d -> d.status() == ChangeSetStatus.CREATE_COMPLETE || d.status() == ChangeSetStatus.FAILED, "change set " + changeSet);
        assertThat(described.status()).as(described.statusReason()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        cfn.executeChangeSet(r -> r.stackName(name).changeSetName(changeSet));
        return await(() -> cfn.describeStacks(r -> r.stackName(name)).stacks().get(0),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"), "stack " + name + " to settle");
    }

    private List<String> reasons(String stack, String logicalId) {
        return cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents().stream()
                .filter(e -> logicalId.equals(e.logicalResourceId()) && e.resourceStatusReason() != null)
                .map(StackEvent::resourceStatusReason).toList();
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }
}
