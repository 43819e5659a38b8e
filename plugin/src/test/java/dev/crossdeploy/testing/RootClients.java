package dev.crossdeploy.testing;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;

/**
 * Real SDK clients pointed at the local cloud with one account's root key, for seeding and
 * inspecting an account from a test. Path-style S3, no SDK retries (a test sees each answer).
 */
public final class RootClients {
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    RootClients(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = Region.of(region);
        this.credentials = credentials;
    }

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

    public software.amazon.awssdk.services.kms.KmsClient kms() {
        return software.amazon.awssdk.services.kms.KmsClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).overrideConfiguration(noRetries()).build();
    }

    public CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }
}
