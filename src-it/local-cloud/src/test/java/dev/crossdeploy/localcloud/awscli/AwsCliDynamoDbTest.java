package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.AwsCli.Result;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI (botocore) against the local cloud's DynamoDB: items written, read and
 * scanned through the one endpoint, and IAM's refusal printed in DynamoDB's words.
 * Needs {@code /usr/bin/aws} (the Debian package {@code awscli}, which .ci/run installs).
 */
class AwsCliDynamoDbTest {
    private static final String STAGING = "222222222222";

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        AwsCli.assertInstalled();
    }

    private Result aws(Map<String, String> credentials, String... args) throws IOException, InterruptedException {
        return new AwsCli(cloud.cloud().endpoint(), dir).env("AWS_MAX_ATTEMPTS", "1").run(credentials, args);
    }

    private static Map<String, String> root(String account) { return AwsCli.rootOf(cloud.cloud(), account); }

    @Test
    void putGetAndScanItemsThenAReadOnlyRoleIsRefusedAWrite() throws Exception {
        cloud.as("staging").dynamoDb().createTable(r -> r.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S)));

        Result put = aws(root("staging"), "dynamodb", "put-item", "--table-name", "orders",
                "--item", "{\"pk\":{\"S\":\"o-1\"},\"total\":{\"N\":\"42\"}}");
        assertThat(put.exit()).as(put.err()).isZero();
        Result get = aws(root("staging"), "dynamodb", "get-item", "--table-name", "orders", "--key", "{\"pk\":{\"S\":\"o-1\"}}");
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.json().get("Item").get("total").get("N").asText()).isEqualTo("42");
        Result scan = aws(root("staging"), "dynamodb", "scan", "--table-name", "orders");
        assertThat(scan.exit()).as(scan.err()).isZero();
        assertThat(scan.json().get("Count").asInt()).isEqualTo(1);

        cloud.as("staging").iam().createRole(r -> r.roleName("reader").assumeRolePolicyDocument(Policies.trustAccount(STAGING)));
        cloud.as("staging").iam().putRolePolicy(r -> r.roleName("reader").policyName("read")
                .policyDocument(Policies.allow("dynamodb:GetItem", "*")));
        JsonNode c = aws(root("staging"), "sts", "assume-role", "--role-arn", "arn:aws:iam::" + STAGING + ":role/reader",
                "--role-session-name", "cli").json().get("Credentials");
        Map<String, String> reader = Map.of("AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", c.get("SecretAccessKey").asText(), "AWS_SESSION_TOKEN", c.get("SessionToken").asText());

        Result denied = aws(reader, "dynamodb", "put-item", "--table-name", "orders", "--item", "{\"pk\":{\"S\":\"o-2\"}}");
        assertThat(denied.exit()).isNotZero();
        assertThat(denied.err()).contains("An error occurred (AccessDeniedException) when calling the PutItem operation")
                .contains("): User: "
                + "arn:aws:sts::" + STAGING + ":assumed-role/reader/cli is not authorized to perform: dynamodb:PutItem on resource: "
                + "arn:aws:dynamodb:us-east-1:" + STAGING + ":table/orders because no identity-based policy allows the dynamodb:PutItem action");
        assertThat(aws(reader, "dynamodb", "get-item", "--table-name", "orders", "--key", "{\"pk\":{\"S\":\"o-1\"}}").exit()).isZero();
    }
}
