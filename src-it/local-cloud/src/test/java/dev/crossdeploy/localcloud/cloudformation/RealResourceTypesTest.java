package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine with the cloud's built-in resource types (DynamoDB, IAM). */
class RealResourceTypesTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudFormationClient cfn;
    private StackDriver driver;

    @BeforeEach
    void clients() {
        cfn = cloud.as("staging").cloudFormation();
        driver = new StackDriver(cfn);
    }

    private static String table(String name, String key) {
        return """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      %s
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: %s, AttributeType: S}]
                      KeySchema: [{AttributeName: %s, KeyType: HASH}]
                Outputs:
                  Name: {Value: !Ref Table}
                  Arn: {Value: !GetAtt Table.Arn}
                """.formatted(name == null ? "" : "TableName: " + name, key, key);
    }

    private Map<String, String> outputs() {
        return driver.stack("app").outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    @Test
    void tableIsCreatedAndReplacedWhenItsKeyChanges() {
        assertThat(driver.deploy("app", table(null, "id")).stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        String before = outputs().get("Name");
        assertThat(before).startsWith("app-Table-");
        assertThat(outputs().get("Arn")).isEqualTo("arn:aws:dynamodb:us-east-1:222222222222:table/" + before);

        assertThat(driver.deploy("app", table(null, "pk")).stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        String after = outputs().get("Name");
        assertThat(after).isNotEqualTo(before);
        assertThat(driver.eventLines("app")).containsSubsequence(
                "Table UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one.",
                "Table UPDATE_COMPLETE", "app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "Table DELETE_COMPLETE", "app UPDATE_COMPLETE");
    }

    @Test
    void namedTableCannotBeReplaced() {
        driver.deploy("app", table("orders", "id"));
        var stack = driver.deploy("app", table("orders", "pk"));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).contains("Table UPDATE_FAILED CloudFormation cannot update a stack when a custom-named "
                + "resource requires replacing. Rename orders and update the stack again.");
        assertThat(outputs().get("Name")).isEqualTo("orders");
    }

    @Test
    void renamingATableReplacesIt() {
        driver.deploy("app", table("orders", "id"));
        assertThat(driver.deploy("app", table("orders-v2", "pk")).stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outputs().get("Name")).isEqualTo("orders-v2");
        assertThat(driver.eventLines("app")).containsSubsequence("app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "Table DELETE_COMPLETE");
    }

    @Test
    void typeValidationFailsTheResource() {
        var stack = driver.deploy("app", """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                """);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).anyMatch(l -> l.startsWith(
                "Table CREATE_FAILED Properties validation failed for resource Table with message: ") && l.contains("KeySchema"));
    }

    @Test
    void namedRoleIsCreatedInIam() {
        var stack = driver.deploy("app", """
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: app-runtime
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
                Outputs:
                  Arn: {Value: !GetAtt Role.Arn}
                """);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(cloud.as("staging").iam().getRole(r -> r.roleName("app-runtime")).role().arn())
                .isEqualTo("arn:aws:iam::222222222222:role/app-runtime").isEqualTo(outputs().get("Arn"));
        cfn.deleteStack(r -> r.stackName("app"));
        StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(stack.stackId())).stacks().get(0).stackStatus(),
                s -> s == StackStatus.DELETE_COMPLETE, "deletion");
        assertThat(cloud.cloud().state().iam().roleByName("222222222222", "app-runtime")).isEmpty();
    }

    @Test
    void resourcesAreAuthorizedForTheStackRole() {
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("weak-exec").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));
        var stack = driver.deploy("app", table(null, "id"), b -> b.roleARN("arn:aws:iam::222222222222:role/weak-exec"));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).anyMatch(l -> l.startsWith("Table CREATE_FAILED") && l.contains("weak-exec/AWSCloudFormation")
                && l.contains("dynamodb:CreateTable"));
    }

    private static String role(String name, String path) {
        return """
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      %s
                      Path: %s
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
                Outputs:
                  Arn: {Value: !GetAtt Role.Arn}
                """.formatted(name == null ? "" : "RoleName: " + name, path);
    }

    @Test
    void aRoleKeepingItsCustomNameCannotBeReplaced() {
        driver.deploy("app", role("app-runtime", "/a/"));
        var stack = driver.deploy("app", role("app-runtime", "/b/"));

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).contains("Role UPDATE_FAILED CloudFormation cannot update a stack when a custom-named "
                + "resource requires replacing. Rename app-runtime and update the stack again.");
        assertThat(outputs().get("Arn")).isEqualTo("arn:aws:iam::222222222222:role/a/app-runtime");
    }

    @Test
    void aRoleWithAGeneratedNameIsReplaced() {
        driver.deploy("app", role(null, "/a/"));
        var stack = driver.deploy("app", role(null, "/b/"));

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outputs().get("Arn")).startsWith("arn:aws:iam::222222222222:role/b/app-Role-");
    }

    @Test
    void eachTypeNamesItselfByItsSchemasNameProperty() {
        var registry = dev.crossdeploy.localcloud.cloudformation.resources.ResourceRegistry.standard();
        java.util.function.Function<String, String> name = type -> registry.handler(type).orElseThrow().nameProperty().orElse(null);
        assertThat(name.apply("AWS::DynamoDB::Table")).isEqualTo("TableName");
        assertThat(name.apply("AWS::Lambda::Function")).isEqualTo("FunctionName");
        assertThat(name.apply("AWS::Lambda::Alias")).isEqualTo("Name");
        assertThat(name.apply("AWS::Logs::LogGroup")).isEqualTo("LogGroupName");
        assertThat(name.apply("AWS::S3::Bucket")).isEqualTo("BucketName");
        assertThat(name.apply("AWS::IAM::Role")).isEqualTo("RoleName");
        // A version's FunctionName names its function; API Gateway parts are never custom-named.
        assertThat(name.apply("AWS::Lambda::Version")).isNull();
        assertThat(name.apply("AWS::Lambda::Permission")).isNull();
        assertThat(name.apply("AWS::ApiGateway::RestApi")).isNull();
        assertThat(name.apply("AWS::ApiGateway::Stage")).isNull();
    }
}
