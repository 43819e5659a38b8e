package dev.crossdeploy.account;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.net.URI;
import java.util.Optional;

/**
 * How the engine reaches AWS: the pipeline's own credentials (the SDK default chain in a
 * build), an optional endpoint override (null: the SDK's own resolution, which honours
 * AWS_ENDPOINT_URL), and whether S3 is addressed path-style (for S3-compatible endpoints).
 */
public record AwsSettings(AwsCredentialsProvider baseCredentials, URI endpointOverride, boolean pathStyleAccess) {

    /** The SDK defaults, as a build in CodeBuild uses them. */
    public static AwsSettings defaults(boolean pathStyleAccess) {
        return new AwsSettings(DefaultCredentialsProvider.builder().build(), null, pathStyleAccess);
    }

    public Optional<URI> endpoint() { return Optional.ofNullable(endpointOverride); }
}
