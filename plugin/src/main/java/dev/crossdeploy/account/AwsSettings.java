package dev.crossdeploy.account;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the engine reaches AWS: the pipeline's own credentials (the SDK default chain in a
 * build), an optional endpoint override (null: the SDK's own resolution, which honours
 * AWS_ENDPOINT_URL), whether S3 is addressed path-style (for S3-compatible endpoints), and
 * how long one call attempt may take (null: the SDK's own limits).
 */
public record AwsSettings(AwsCredentialsProvider baseCredentials, URI endpointOverride, boolean pathStyleAccess,
                          Duration callAttemptTimeout) {

    public AwsSettings(AwsCredentialsProvider baseCredentials, URI endpointOverride, boolean pathStyleAccess) {
        this(baseCredentials, endpointOverride, pathStyleAccess, null);
    }

    /** The SDK defaults, as a build in CodeBuild uses them. */
    public static AwsSettings defaults(boolean pathStyleAccess) {
        return new AwsSettings(DefaultCredentialsProvider.builder().build(), null, pathStyleAccess);
    }

    /** These settings with each call attempt limited to {@code timeout} (null: the SDK's limits). */
    public AwsSettings withCallAttemptTimeout(Duration timeout) {
        return new AwsSettings(baseCredentials, endpointOverride, pathStyleAccess, timeout);
    }

    public Optional<URI> endpoint() { return Optional.ofNullable(endpointOverride); }
}
