package dev.crossdeploy.localcloud.dynamodb;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tables that stacks create are real DynamoDB tables, one dynalite per account and region,
 * reached through the cloud's endpoint with the SDK, SigV4 and IAM.
 */
class DynamoDbTablesTest {
    private static final String STAGING = "222222222222";

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static String table(String logicalId, String name, String extra) {
        return """
                  %s:
                    Type: AWS::DynamoDB::Table
                %s    Properties:
                      TableName: %s
                      BillingMode: PAY_PER_REQUEST
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                """.formatted(logicalId, extra, name);
    }

    private static String template(String... tables) {
        return "Resources:\n" + String.join("", tables);
    }

    private static Map<String, AttributeValue> item(String pk, String note) {
        return Map.of("pk", AttributeValue.fromS(pk), "note", AttributeValue.fromS(note));
    }

    private static Map<String, AttributeValue> key(String pk) { return Map.of("pk", AttributeValue.fromS(pk)); }

    @Test
    void aStacksTableTakesItemsThroughTheSdkAndDescribesItselfInTheStacksAccount() {
        Clients staging = cloud.as("staging");
        var stack = new Stacks(staging.cloudFormation()).create("orders-api", template(table("Orders", "orders", "")));
        DynamoDbClient dynamo = staging.dynamoDb();

        dynamo.putItem(r -> r.tableName("orders").item(item("o-1", "first order")));

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(dynamo.getItem(r -> r.tableName("orders").key(key("o-1"))).item()).isEqualTo(item("o-1", "first order"));
        assertThat(dynamo.scan(r -> r.tableName("orders")).items()).containsExactly(item("o-1", "first order"));
        TableDescription described = dynamo.describeTable(r -> r.tableName("orders")).table();
        assertThat(described.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:" + STAGING + ":table/orders");
        assertThat(described.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(described.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void theSameTableNameInTwoAccountsHoldsDifferentItems() {
        Clients staging = cloud.as("staging");
        Clients qa = cloud.as("qa");
        new Stacks(staging.cloudFormation()).create("orders-api", template(table("Orders", "orders", "")));
        new Stacks(qa.cloudFormation()).create("orders-api", template(table("Orders", "orders", "")));

        staging.dynamoDb().putItem(r -> r.tableName("orders").item(item("o-1", "staging")));
        qa.dynamoDb().putItem(r -> r.tableName("orders").item(item("o-2", "qa")));

        assertThat(staging.dynamoDb().scan(r -> r.tableName("orders")).items()).containsExactly(item("o-1", "staging"));
        assertThat(qa.dynamoDb().scan(r -> r.tableName("orders")).items()).containsExactly(item("o-2", "qa"));
        assertThat(cloud.as("prod").dynamoDb().listTables().tableNames()).isEmpty();
    }

    @Test
    void aRoleWithoutPutItemIsDeniedInDynamoDbsWordsWhileGetItemIsAllowed() {
        Clients staging = cloud.as("staging");
        new Stacks(staging.cloudFormation()).create("orders-api", template(table("Orders", "orders", "")));
        staging.dynamoDb().putItem(r -> r.tableName("orders").item(item("o-1", "kept")));
        staging.iam().createRole(r -> r.roleName("reader").assumeRolePolicyDocument(Policies.trustAccount(STAGING)));
        staging.iam().putRolePolicy(r -> r.roleName("reader").policyName("read")
                .policyDocument(Policies.allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:" + STAGING + ":table/orders")));
        var session = staging.sts().assumeRole(r -> r.roleArn("arn:aws:iam::" + STAGING + ":role/reader").roleSessionName("app"));
        DynamoDbClient reader = Clients.from(cloud, session).dynamoDb();

        assertThat(reader.getItem(r -> r.tableName("orders").key(key("o-1"))).item()).isEqualTo(item("o-1", "kept"));
        assertThatThrownBy(() -> reader.putItem(r -> r.tableName("orders").item(item("o-2", "refused"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::" + STAGING
                            + ":assumed-role/reader/app is not authorized to perform: dynamodb:PutItem on resource: "
                            + "arn:aws:dynamodb:us-east-1:" + STAGING + ":table/orders because no identity-based policy"
                            + " allows the dynamodb:PutItem action");
                });
        assertThat(staging.dynamoDb().scan(r -> r.tableName("orders")).count()).isEqualTo(1);
    }

    @Test
    void aBatchNeedsPermissionOnEveryTableAndAnIndexQueryOnTheIndex() {
        Clients staging = cloud.as("staging");
        String tables = "arn:aws:dynamodb:us-east-1:" + STAGING + ":table/";
        new Stacks(staging.cloudFormation()).create("orders-api", template(table("Orders", "orders", ""),
                table("Audit", "audit", "")));
        staging.iam().createRole(r -> r.roleName("writer").assumeRolePolicyDocument(Policies.trustAccount(STAGING)));
        staging.iam().putRolePolicy(r -> r.roleName("writer").policyName("orders-only").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:BatchWriteItem","dynamodb:Query"],
                 "Resource":"%sorders"}]}""".formatted(tables)));
        var session = staging.sts().assumeRole(r -> r.roleArn("arn:aws:iam::" + STAGING + ":role/writer").roleSessionName("app"));
        DynamoDbClient writer = Clients.from(cloud, session).dynamoDb();

        writer.batchWriteItem(r -> r.requestItems(Map.of("orders", List.of(WriteRequest.builder()
                .putRequest(p -> p.item(item("o-1", "allowed"))).build()))));
        assertThatThrownBy(() -> writer.batchWriteItem(r -> r.requestItems(Map.of(
                "orders", List.of(WriteRequest.builder().putRequest(p -> p.item(item("o-2", "refused"))).build()),
                "audit", List.of(WriteRequest.builder().putRequest(p -> p.item(item("a-1", "refused"))).build())))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("User: arn:aws:sts::" + STAGING + ":assumed-role/writer/app is not authorized to perform:"
                        + " dynamodb:BatchWriteItem on resource: " + tables + "audit because");
        assertThat(staging.dynamoDb().scan(r -> r.tableName("orders")).items()).containsExactly(item("o-1", "allowed"));
        assertThatThrownBy(() -> writer.query(r -> r.tableName("orders").indexName("by-note")
                .keyConditionExpression("note = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromS("x")))))
                .hasMessageStartingWith("User: arn:aws:sts::" + STAGING + ":assumed-role/writer/app is not authorized to perform:"
                        + " dynamodb:Query on resource: " + tables + "orders/index/by-note because");
    }

    @Test
    void deletingTheStackDeletesItsTableButKeepsARetainedOneWithItsItems() {
        Clients staging = cloud.as("staging");
        Stacks stacks = new Stacks(staging.cloudFormation());
        stacks.create("orders-api", template(table("Orders", "orders", ""),
                table("Audit", "audit", "    DeletionPolicy: Retain\n")));
        DynamoDbClient dynamo = staging.dynamoDb();
        dynamo.putItem(r -> r.tableName("audit").item(item("a-1", "who did what")));

        stacks.delete("orders-api");

        assertThat(dynamo.listTables().tableNames()).containsExactly("audit");
        assertThat(dynamo.getItem(r -> r.tableName("audit").key(key("a-1"))).item()).isEqualTo(item("a-1", "who did what"));
        assertThatThrownBy(() -> dynamo.describeTable(r -> r.tableName("orders")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void billingModeAndThroughputChangeInPlaceAndARenamedTableIsReplaced() {
        Clients staging = cloud.as("staging");
        Stacks stacks = new Stacks(staging.cloudFormation());
        String provisioned = """
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: %s
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                      ProvisionedThroughput: {ReadCapacityUnits: %d, WriteCapacityUnits: 5}
                """;
        stacks.create("orders-api", provisioned.formatted("orders", 5));
        DynamoDbClient dynamo = staging.dynamoDb();
        dynamo.putItem(r -> r.tableName("orders").item(item("o-1", "stays")));

        assertThat(stacks.update("orders-api", provisioned.formatted("orders", 10)).stackStatus())
                .isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(dynamo.describeTable(r -> r.tableName("orders")).table().provisionedThroughput().readCapacityUnits())
                .isEqualTo(10L);
        assertThat(stacks.update("orders-api", template(table("Orders", "orders", ""))).stackStatus())
                .isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(dynamo.describeTable(r -> r.tableName("orders")).table().billingModeSummary().billingMode())
                .isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(dynamo.getItem(r -> r.tableName("orders").key(key("o-1"))).item()).isEqualTo(item("o-1", "stays"));

        assertThat(stacks.update("orders-api", template(table("Orders", "orders-v2", ""))).stackStatus())
                .isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(dynamo.listTables().tableNames()).containsExactly("orders-v2");
    }

    @Test
    void resetRemovesEveryTable() {
        Clients staging = cloud.as("staging");
        new Stacks(staging.cloudFormation()).create("orders-api", template(table("Orders", "orders", "")));

        cloud.cloud().reset();

        assertThat(staging.dynamoDb().listTables().tableNames()).isEmpty();
    }

    @Test
    void theDataPlaneAnswersWhatDynamoDbCannotDoWithItsOwnErrors() {
        DynamoDbClient dynamo = cloud.as("staging").dynamoDb();

        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName("missing").key(key("x"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found"));
    }
}
