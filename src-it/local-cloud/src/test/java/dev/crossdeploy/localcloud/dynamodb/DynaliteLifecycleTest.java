package dev.crossdeploy.localcloud.dynamodb;

import dev.crossdeploy.localcloud.LocalCloud;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dynalite servers' lifecycle: none outlives the cloud or a reset, and a cloud without
 * dynalite still runs, telling whoever wants a table what to install. Each test runs its own
 * cloud, since it stops it or starts it with another setting.
 */
class DynaliteLifecycleTest {
    private static final String HINT = "The local cloud needs Node.js and dynalite to run DynamoDB tables:"
            + " install Node.js and run 'npm ci' in src-it/local-cloud";

    private static LocalCloud start() { return LocalCloud.builder().port(0).resourceDelayMillis(5).start(); }

    private static <T> T client(LocalCloud cloud, String account, Class<T> type) {
        var a = cloud.account(account);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey()));
        var noRetries = ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build();
        Object client = type == DynamoDbClient.class
                ? DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).overrideConfiguration(noRetries).build()
                : CloudFormationClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).overrideConfiguration(noRetries).build();
        return type.cast(client);
    }

    private static void createTable(DynamoDbClient dynamo, String name) {
        dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S)));
    }

    private static boolean alive(long pid) { return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); }

    @Test
    void noDynaliteOutlivesAResetOrTheCloud() {
        List<Long> beforeReset;
        List<Long> beforeClose;
        try (LocalCloud cloud = start()) {
            DynamoDbModule dynamodb = cloud.state().module(DynamoDbModule.class);
            createTable(client(cloud, "staging", DynamoDbClient.class), "orders");
            createTable(client(cloud, "qa", DynamoDbClient.class), "orders");
            beforeReset = dynamodb.serverPids();
            assertThat(beforeReset).hasSize(2).allMatch(DynaliteLifecycleTest::alive);

            cloud.reset();

            assertThat(beforeReset).noneMatch(DynaliteLifecycleTest::alive);
            assertThat(client(cloud, "staging", DynamoDbClient.class).listTables().tableNames()).isEmpty();
            beforeClose = dynamodb.serverPids();
            assertThat(beforeClose).hasSize(1).allMatch(DynaliteLifecycleTest::alive);
        }
        assertThat(beforeClose).noneMatch(DynaliteLifecycleTest::alive);
    }

    @Test
    void withoutDynaliteTheCloudRunsAndATableFailsSayingWhatToInstall() {
        String missing = "/nonexistent/node_modules/dynalite/cli.js";
        System.setProperty(DynaliteLocator.DYNALITE_PROPERTY, missing);
        try (LocalCloud cloud = start()) {
            Stacks stacks = new Stacks(client(cloud, "staging", CloudFormationClient.class));
            var stack = stacks.create("orders-api", """
                    Resources:
                      Orders:
                        Type: AWS::DynamoDB::Table
                        Properties:
                          BillingMode: PAY_PER_REQUEST
                          KeySchema: [{AttributeName: pk, KeyType: HASH}]
                          AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                    """);

            assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
            assertThat(stacks.failureReason("orders-api"))
                    .startsWith("Resource handler returned message: \"" + HINT + " (dynalite was not found at " + missing
                            + ", set by -Dlocalcloud.dynalite).\"")
                    .endsWith("HandlerErrorCode: ServiceInternalError)");
            assertThatThrownBy(() -> client(cloud, "staging", DynamoDbClient.class).listTables())
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith(HINT);
                    });
            assertThat(cloud.state().module(DynamoDbModule.class).serverPids()).isEmpty();
        } finally {
            System.clearProperty(DynaliteLocator.DYNALITE_PROPERTY);
        }
    }
}
