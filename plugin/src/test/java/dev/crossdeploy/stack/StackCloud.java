package dev.crossdeploy.stack;

import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import dev.crossdeploy.account.Retries;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.Map;

/**
 * A local cloud for stack engine tests: one per test class, reset before each test, with the
 * staging account's CloudFormation execution role seeded. Clients sign as the staging root
 * with the plugin's own retry policy, as the clients of an account session do.
 */
final class StackCloud implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final String ACCOUNT = "staging";
    static final String EXECUTION_ROLE = "crossdeploy-cfn-execution";

    private final long resourceDelayMillis;
    private LocalCloud cloud;
    private CloudFormationClient cfn;
    private S3Client s3;

    StackCloud() { this(5); }

    StackCloud(long resourceDelayMillis) { this.resourceDelayMillis = resourceDelayMillis; }

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(resourceDelayMillis).start();
        var account = cloud.account(ACCOUNT);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
        cfn = CloudFormationClient.builder()
                .endpointOverride(cloud.endpoint()).region(Region.of(cloud.region())).credentialsProvider(credentials)
                .overrideConfiguration(Retries.policy())
                .build();
        s3 = S3Client.builder()
                .endpointOverride(cloud.endpoint()).region(Region.of(cloud.region())).credentialsProvider(credentials)
                .forcePathStyle(true)
                .overrideConfiguration(Retries.policy())
                .build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cloud.reset();
        cloud.state().resourceDelayMillis(resourceDelayMillis);
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        cloud.state().iam().createRole(accountId(), EXECUTION_ROLE, "/", trust, null, 3600);
        cloud.state().iam().putRolePolicy(accountId(), EXECUTION_ROLE, "admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cfn.close();
        s3.close();
        cloud.close();
    }

    LocalCloud cloud() { return cloud; }

    CloudFormationClient cfn() { return cfn; }

    S3Client s3() { return s3; }

    /** A Lambda client of the account, for changing a function by hand; the caller closes it. */
    LambdaClient lambda() {
        var account = cloud.account(ACCOUNT);
        return LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                .build();
    }

    String accountId() { return cloud.accountId(ACCOUNT); }

    String executionRoleArn() { return "arn:aws:iam::" + accountId() + ":role/" + EXECUTION_ROLE; }

    /** A stage deploying into the staging account under the seeded execution role. */
    Stage stage(String name, Map<String, String> parameters, boolean protectedStage) {
        return new Stage(name, accountId(), cloud.region(), null, executionRoleArn(),
                "crossdeploy-artifacts-" + accountId() + "-" + cloud.region(), "", null, null,
                parameters, Map.of("team", "orders"), protectedStage, List.of(), null);
    }
}
