package dev.crossdeploy.bootstrap;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import java.net.URI;

/** Real SDK clients on the local cloud signed with the credentials of an assumed-role session. */
final class SessionClients {
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    SessionClients(URI endpoint, String region, AssumeRoleResponse assumed) {
        this.endpoint = endpoint;
        this.region = Region.of(region);
        var c = assumed.credentials();
        this.credentials = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(1)).build();
    }

    StsClient sts() {
        return StsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }

    S3Client s3() {
        return S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .forcePathStyle(true).overrideConfiguration(noRetries()).build();
    }

    CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries()).build();
    }
}
