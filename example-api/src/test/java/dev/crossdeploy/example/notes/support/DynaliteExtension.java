package dev.crossdeploy.example.notes.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.UUID;

/**
 * Starts one dynalite per test class and gives every test a fresh, empty notes table shaped
 * like the one in the CloudFormation template (key {@code id}, string, on-demand).
 *
 * <pre>{@code @RegisterExtension static DynaliteExtension dynamo = new DynaliteExtension();}</pre>
 */
public final class DynaliteExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private DynaliteServer server;
    private String owner;
    private DynamoDbClient client;
    private String tableName;

    @Override
    public void beforeAll(ExtensionContext context) {
        // @Nested classes see the outer class's extension too: they share its server.
        if (server != null) {
            return;
        }
        owner = context.getUniqueId();
        server = DynaliteServer.start();
        client = DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                // dynalite accepts any signature; these are not real credentials.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tableName = "notes-" + UUID.randomUUID();
        client.createTable(create -> create.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        client.waiter().waitUntilTableExists(describe -> describe.tableName(tableName));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(owner)) {
            return;
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        client = null;
        server = null;
        owner = null;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The empty table made for the running test. */
    public String tableName() {
        return tableName;
    }
}
