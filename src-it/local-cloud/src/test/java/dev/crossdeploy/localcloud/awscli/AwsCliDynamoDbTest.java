package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI (botocore) against the local cloud's DynamoDB: items written, read and
 * scanned through the one endpoint, and IAM's refusal printed in DynamoDB's words.
 * Needs {@code /usr/bin/aws} (the Debian package {@code awscli}, which .ci/run installs).
 */
class AwsCliDynamoDbTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAGING = "222222222222";

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        assertThat(AWS).as("Debian's AWS CLI is missing: run 'apt-get install awscli' (CI does it in .ci/run)").isExecutable();
    }

    private Result aws(Map<String, String> credentials, String... args) throws IOException, InterruptedException {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\noutput = json\n");
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", cloud.cloud().endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.putAll(credentials);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("aws " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException { return JSON.readTree(out); }
    }

    private static Map<String, String> root(String account) {
        var a = cloud.cloud().account(account);
        return Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey());
    }

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
