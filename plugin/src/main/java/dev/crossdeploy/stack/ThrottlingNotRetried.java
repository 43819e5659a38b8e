package dev.crossdeploy.stack;

import dev.crossdeploy.account.Retries;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The retry strategy of a stack-event poll: the shared one ({@link Retries}), except that a
 * throttled attempt is not retried. A poll is a repeatable read whose next occurrence is its
 * retry, so sitting out the shared policy's throttling backoff (seconds, doubling) inside one
 * call would only delay the wait; {@link StackWatcher} slows its polls instead. Server errors
 * and dropped connections are retried as on every other call.
 */
final class ThrottlingNotRetried implements RetryStrategy {
    private final RetryStrategy shared;

    private ThrottlingNotRetried(RetryStrategy shared) {
        this.shared = shared;
    }

    /** A request override that gives one request this strategy, leaving the client's own for every other call. */
    static AwsRequestOverrideConfiguration override() {
        RetryStrategy strategy = new ThrottlingNotRetried(Retries.strategy());
        return AwsRequestOverrideConfiguration.builder()
                .addPlugin(client -> client.overrideConfiguration(o -> o.retryStrategy(strategy)))
                .build();
    }

    private static boolean isThrottling(Throwable failure) {
        return failure instanceof SdkServiceException e && e.isThrottlingException();
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return shared.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (isThrottling(request.failure())) {
            // The SDK then throws the throttling error itself, as for any error not retried.
            throw new TokenAcquisitionFailedException("a throttled poll is not retried: the next poll is", request.token(), request.failure());
        }
        return shared.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        return shared.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return shared.maxAttempts();
    }

    /** The shared strategy's builder: what it builds retries throttling (the SDK asks for it only to reconfigure a client). */
    @Override
    public Builder<?, ?> toBuilder() {
        return shared.toBuilder();
    }
}
