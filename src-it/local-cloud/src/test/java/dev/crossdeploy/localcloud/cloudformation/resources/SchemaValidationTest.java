package dev.crossdeploy.localcloud.cloudformation.resources;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Property validation in CloudFormation's words, across the standard types. */
class SchemaValidationTest {
    private final ResourceRegistry registry = ResourceRegistry.standard();

    private ResourceHandler handler(String type) { return registry.handler(type).orElseThrow(); }

    private static final List<Map<String, Object>> KEY = List.of(Map.of("AttributeName", "id", "KeyType", "HASH"));
    private static final List<Map<String, Object>> DEFS = List.of(Map.of("AttributeName", "id", "AttributeType", "S"));

    @Test
    void missingRequiredPropertyIsReportedWithTheValidatorsWording() {
        ResourceHandler table = handler("AWS::DynamoDB::Table");

        assertThat(table.validate(Map.of("AttributeDefinitions", DEFS)))
                .containsExactly("#: required key [KeySchema] not found");
        assertThat(table.validationFailure("OrdersTable", Map.of("AttributeDefinitions", DEFS)))
                .contains("Properties validation failed for resource OrdersTable with message: [#: required key [KeySchema] not found]");
    }

    @Test
    void everyProblemIsListedInOneReason() {
        ResourceHandler function = handler("AWS::Lambda::Function");

        assertThat(function.validationFailure("Fn", Map.of("Runtime", "java21")))
                .contains("Properties validation failed for resource Fn with message: "
                        + "[#: required key [Code] not found, #: required key [Role] not found]");
    }

    @Test
    void wrongTypesNameWhatWasFound() {
        ResourceHandler function = handler("AWS::Lambda::Function");
        Map<String, Object> props = Map.of("Code", Map.of("ZipFile", "x"),
                "Role", List.of("arn:aws:iam::222222222222:role/r"), "Timeout", "soon", "MemorySize", Map.of());

        assertThat(function.validate(props)).containsExactlyInAnyOrder(
                "#/Role: expected type: String, found: JSONArray",
                "#/Timeout: expected type: Integer, found: String",
                "#/MemorySize: expected type: Integer, found: JSONObject");
    }

    @Test
    void numbersAndBooleansMayArriveAsStrings() {
        ResourceHandler table = handler("AWS::DynamoDB::Table");
        Map<String, Object> props = Map.of("KeySchema", KEY, "AttributeDefinitions", DEFS,
                "ProvisionedThroughput", Map.of("ReadCapacityUnits", "5", "WriteCapacityUnits", 5),
                "DeletionProtectionEnabled", "true");

        assertThat(table.validate(props)).isEmpty();
    }

    @Test
    void unknownPropertiesAreNotPermitted() {
        assertThat(handler("AWS::Logs::LogGroup").validate(Map.of("LogGroupNam", "/x")))
                .containsExactly("#: extraneous key [LogGroupNam] is not permitted");
    }

    @Test
    void nestedProblemsCarryTheirPath() {
        ResourceHandler table = handler("AWS::DynamoDB::Table");
        Map<String, Object> props = Map.of("KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "PRIMARY")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "id")),
                "BillingMode", "ON_DEMAND");

        assertThat(table.validate(props)).containsExactlyInAnyOrder(
                "#/KeySchema/0/KeyType: PRIMARY is not a valid enum value",
                "#/AttributeDefinitions/0: required key [AttributeType] not found",
                "#/BillingMode: ON_DEMAND is not a valid enum value");
    }

    @Test
    void patternsAndLengthsAreChecked() {
        assertThat(handler("AWS::S3::Bucket").validate(Map.of("BucketName", "My_Bucket")))
                .containsExactly("#/BucketName: failed validation constraint for keyword [pattern]");
        assertThat(handler("AWS::IAM::Role").validate(Map.of("AssumeRolePolicyDocument", Map.of(), "RoleName", "r".repeat(65))))
                .containsExactly("#/RoleName: expected maxLength: 64, actual: 65");
        assertThat(handler("AWS::Logs::LogGroup").validate(Map.of("RetentionInDays", 10)))
                .containsExactly("#/RetentionInDays: 10 is not a valid enum value");
        assertThat(handler("AWS::Lambda::Function").validate(Map.of("Code", Map.of("ZipFile", "x"),
                "Role", "arn:aws:iam::222222222222:role/r", "Timeout", 0, "EphemeralStorage", Map.of("Size", 20480))))
                .containsExactlyInAnyOrder("#/Timeout: failed validation constraint for keyword [minimum]",
                        "#/EphemeralStorage/Size: failed validation constraint for keyword [maximum]");
    }

    @Test
    void replacementRulesFollowTheReference() {
        assertThat(handler("AWS::DynamoDB::Table").recreation("TableName")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThat(handler("AWS::DynamoDB::Table").recreation("KeySchema")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThat(handler("AWS::DynamoDB::Table").recreation("BillingMode")).isEqualTo(ResourceHandler.RequiresRecreation.NEVER);
        assertThat(handler("AWS::S3::Bucket").recreation("BucketName")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThat(handler("AWS::S3::Bucket").recreation("VersioningConfiguration")).isEqualTo(ResourceHandler.RequiresRecreation.NEVER);
        assertThat(handler("AWS::IAM::Role").recreation("RoleName")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThat(handler("AWS::IAM::Role").recreation("Path")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThat(handler("AWS::IAM::Role").recreation("Policies")).isEqualTo(ResourceHandler.RequiresRecreation.NEVER);
        assertThat(handler("AWS::Lambda::Function").recreation("FunctionName")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThat(handler("AWS::Lambda::Function").recreation("Code")).isEqualTo(ResourceHandler.RequiresRecreation.NEVER);
        assertThat(handler("AWS::Logs::LogGroup").recreation("LogGroupName")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThat(handler("AWS::Logs::LogGroup").recreation("RetentionInDays")).isEqualTo(ResourceHandler.RequiresRecreation.NEVER);
    }
}
