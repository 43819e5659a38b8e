package dev.crossdeploy.localcloud.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import java.net.URI;

/** Real AWS SDK v2 clients pointed at the local cloud with one set of credentials. */
public final class Clients {
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    Clients(URI endpoint, String region, String keyId, String secret, String token) {
        this.endpoint = endpoint;
        this.region = Region.of(region);
        this.credentials = StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, token));
    }

    /** Clients for the session that {@code assumed} returned. */
    public static Clients from(CloudExtension cloud, AssumeRoleResponse assumed) {
        var c = assumed.credentials();
        return cloud.with(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    /** No SDK retries, so a test sees each answer the cloud gives. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(1)).build();
    }

    public StsClient sts() {
        return StsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    public IamClient iam() {
        return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    public S3Client s3() {
        return S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .forcePathStyle(true).overrideConfiguration(noRetries()).build();
    }

    public KmsClient kms() {
        return KmsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    public CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    public LambdaClient lambda() {
        return LambdaClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    public CloudWatchLogsClient logs() {
        return CloudWatchLogsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    public EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }
}
