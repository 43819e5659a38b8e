package dev.crossdeploy.account;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the engine reaches AWS: the pipeline's own credentials (the SDK default chain in a
 * build), an optional endpoint override (null: the SDK's own resolution, which honours
 * AWS_ENDPOINT_URL), whether S3 is addressed path-style (for S3-compatible endpoints), how long
 * one call attempt may take (null: the SDK's own limits), and the build whose goals share one
 * session per stage ({@code buildScope}; null: every {@link AccountSession#open} assumes the
 * role afresh).
 */
public record AwsSettings(AwsCredentialsProvider baseCredentials, URI endpointOverride, boolean pathStyleAccess,
                          Duration callAttemptTimeout, String buildScope) {

    /** Settings whose sessions are never shared, with the SDK's own call limits. */
    public AwsSettings(AwsCredentialsProvider baseCredentials, URI endpointOverride, boolean pathStyleAccess) {
        this(baseCredentials, endpointOverride, pathStyleAccess, null, null);
    }

    /** The SDK defaults, as a build in CodeBuild uses them. */
    public static AwsSettings defaults(boolean pathStyleAccess) {
        return new AwsSettings(defaultChain(), null, pathStyleAccess);
    }

    /**
     * The SDK's default credentials chain, in its own order, with its first two links asked
     * first: the full chain builds its profile, web-identity, container and instance-metadata
     * providers (about 80 classes, a JSON parser among them) on first use, which a build with
     * keys in its environment never needs.
     */
    static AwsCredentialsProvider defaultChain() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        DefaultCredentialsProvider.builder().build())
                .build();
    }

    /** These settings with each call attempt limited to {@code timeout} (null: the SDK's limits). */
    public AwsSettings withCallAttemptTimeout(Duration timeout) {
        return new AwsSettings(baseCredentials, endpointOverride, pathStyleAccess, timeout, buildScope);
    }

    /**
     * The same settings, sharing each stage's session with every goal of the build that
     * {@code scope} names (any text unique to one build: a new scope closes the sessions of the last).
     */
    public AwsSettings sharedWithin(String scope) {
        return new AwsSettings(baseCredentials, endpointOverride, pathStyleAccess, callAttemptTimeout, scope);
    }

    public Optional<URI> endpoint() { return Optional.ofNullable(endpointOverride); }
}
