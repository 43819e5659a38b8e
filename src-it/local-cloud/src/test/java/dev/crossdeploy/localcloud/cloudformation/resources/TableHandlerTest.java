package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.dynamodb.TableHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS::DynamoDB::Table: attributes, DynamoDB's CreateTable checks, authorization and deletion. */
class TableHandlerTest {
    @TempDir Path dir;
    private ResourceFixture cloud;
    private final TableHandler tables = new TableHandler();

    @BeforeEach
    void setUp() { cloud = new ResourceFixture(dir); }

    private static Map<String, Object> onDemand(String name) {
        Map<String, Object> p = new HashMap<>();
        if (name != null) p.put("TableName", name);
        p.put("BillingMode", "PAY_PER_REQUEST");
        p.put("KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")));
        p.put("AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                Map.of("AttributeName", "sk", "AttributeType", "N")));
        return p;
    }

    @Test
    void refIsTheTableNameAndArnIsInTheStacksAccountAndRegion() throws Exception {
        ProvisionResult result = tables.create(cloud.root("Orders"), onDemand("orders"));

        assertThat(result.physicalId()).isEqualTo("orders");
        assertThat(result.attributes()).containsOnlyKeys("Arn")
                .containsEntry("Arn", "arn:aws:dynamodb:us-east-1:222222222222:table/orders");
        assertThat(ResourceRecords.of(cloud.state).list("222222222222", "us-east-1", "AWS::DynamoDB::Table"))
                .extracting(ResourceRecords.Entry::physicalId).containsExactly("orders");
    }

    @Test
    void aStreamGivesAStreamArnThatStaysAcrossUpdates() throws Exception {
        ResourceContext ctx = cloud.root("Orders");
        Map<String, Object> props = onDemand(null);
        props.put("StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));

        ProvisionResult created = tables.create(ctx, props);
        Map<String, Object> changed = new HashMap<>(props);
        changed.put("DeletionProtectionEnabled", false);
        ProvisionResult updated = tables.update(ctx, created, props, changed);

        assertThat(created.physicalId()).matches("orders-api-Orders-[A-Z0-9]{13}");
        assertThat((String) created.attributes().get("StreamArn"))
                .matches("arn:aws:dynamodb:us-east-1:222222222222:table/" + created.physicalId()
                        + "/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(updated.attributes()).isEqualTo(created.attributes());
    }

    @Test
    void keyAttributesMissingFromAttributeDefinitionsFailWithDynamoDbsReason() {
        Map<String, Object> props = onDemand("t");
        props.put("AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S")));

        assertThatThrownBy(() -> tables.create(cloud.root("T"), props))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageStartingWith("Resource handler returned message: \"One or more parameter values were invalid: "
                        + "Some index key attributes are not defined in AttributeDefinitions. Keys: [sk], AttributeDefinitions: [pk]"
                        + " (Service: DynamoDb, Status Code: 400, Request ID: ")
                .hasMessageEndingWith(", HandlerErrorCode: InvalidRequest)");
    }

    @Test
    void attributeDefinitionsNotUsedByAnyKeyAreRefused() {
        Map<String, Object> props = onDemand("t");
        props.put("AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                Map.of("AttributeName", "sk", "AttributeType", "N"), Map.of("AttributeName", "extra", "AttributeType", "S")));

        assertThatThrownBy(() -> tables.create(cloud.root("T"), props))
                .hasMessageContaining("\"One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match"
                        + " number of attributes defined in AttributeDefinitions (Service: DynamoDb");
    }

    @Test
    void indexKeysCountAsUsedAttributes() throws Exception {
        Map<String, Object> props = onDemand("t");
        props.put("AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                Map.of("AttributeName", "sk", "AttributeType", "N"), Map.of("AttributeName", "email", "AttributeType", "S")));
        props.put("GlobalSecondaryIndexes", List.of(Map.of("IndexName", "by-email",
                "KeySchema", List.of(Map.of("AttributeName", "email", "KeyType", "HASH")),
                "Projection", Map.of("ProjectionType", "ALL"))));

        assertThat(tables.create(cloud.root("T"), props).physicalId()).isEqualTo("t");
    }

    @Test
    void onDemandTablesTakeNoProvisionedThroughput() {
        Map<String, Object> props = onDemand("t");
        props.put("ProvisionedThroughput", Map.of("ReadCapacityUnits", 5, "WriteCapacityUnits", 5));

        assertThatThrownBy(() -> tables.create(cloud.root("T"), props))
                .hasMessageContaining("\"One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits"
                        + " can be specified when BillingMode is PAY_PER_REQUEST (Service: DynamoDb, Status Code: 400");
    }

    @Test
    void provisionedTablesNeedThroughput() throws Exception {
        Map<String, Object> props = onDemand("t");
        props.remove("BillingMode");

        assertThatThrownBy(() -> tables.create(cloud.root("T"), props))
                .hasMessageContaining("\"One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both"
                        + " be specified when BillingMode is PROVISIONED (Service: DynamoDb");

        props.put("ProvisionedThroughput", Map.of("ReadCapacityUnits", "5", "WriteCapacityUnits", "5"));
        assertThat(tables.create(cloud.root("T"), props).physicalId()).isEqualTo("t");
    }

    @Test
    void aSecondTableWithTheSameNameAlreadyExists() throws Exception {
        tables.create(cloud.root("A"), onDemand("orders"));

        assertThatThrownBy(() -> tables.create(cloud.root("B"), onDemand("orders")))
                .hasMessageStartingWith("Resource handler returned message: \"Resource of type 'AWS::DynamoDB::Table' with identifier 'orders' already exists.\"")
                .hasMessageEndingWith("HandlerErrorCode: AlreadyExists)");
    }

    @Test
    void deletionProtectionBlocksDeleteUntilDisabled() throws Exception {
        ResourceContext ctx = cloud.root("T");
        Map<String, Object> props = onDemand("t");
        props.put("DeletionProtectionEnabled", true);
        ProvisionResult created = tables.create(ctx, props);

        assertThatThrownBy(() -> tables.delete(ctx, created))
                .hasMessageContaining("\"Resource cannot be deleted as it is currently protected against deletion."
                        + " Disable deletion protection first. (Service: DynamoDb, Status Code: 400");

        Map<String, Object> unprotected = new HashMap<>(props);
        unprotected.put("DeletionProtectionEnabled", false);
        tables.delete(ctx, tables.update(ctx, created, props, unprotected));
        assertThat(ResourceRecords.of(cloud.state).get("222222222222", "us-east-1", "AWS::DynamoDB::Table", "t")).isEmpty();
    }

    @Test
    void anAssumedRoleWithoutCreateTableIsRefusedWithDynamoDbsAccessDeniedText() {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("dynamodb:DescribeTable", "*"));

        assertThatThrownBy(() -> tables.create(cloud.context("T", cfn), onDemand("orders")))
                .hasMessageStartingWith("Resource handler returned message: \"User: arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation"
                        + " is not authorized to perform: dynamodb:CreateTable on resource: arn:aws:dynamodb:us-east-1:222222222222:table/orders"
                        + " because no identity-based policy allows the dynamodb:CreateTable action (Service: DynamoDb, Status Code: 400, Request ID: ")
                .hasMessageEndingWith("HandlerErrorCode: AccessDenied)");
    }

    @Test
    void anAssumedRoleAllowedOnTheTableMayCreateIt() throws Exception {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("dynamodb:*", "arn:aws:dynamodb:us-east-1:222222222222:table/orders"));

        assertThat(tables.create(cloud.context("T", cfn), onDemand("orders")).physicalId()).isEqualTo("orders");
    }

    @Test
    void resetForgetsTheRecords() throws Exception {
        tables.create(cloud.root("T"), onDemand("orders"));

        ResourceRecords.of(cloud.state).clear();

        assertThat(ResourceRecords.of(cloud.state).all()).isEmpty();
        assertThat(tables.create(cloud.root("T"), onDemand("orders")).physicalId()).isEqualTo("orders");
    }
}
