package dev.crossdeploy.account;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.time.Duration;

/**
 * The one retry policy of every AWS client crossdeploy builds: the SDK's standard strategy
 * (throttling, 5xx, dropped connections and I/O errors are retried), with more attempts than
 * the SDK's 3 and jittered exponential backoff, so a burst of throttling never fails a deploy.
 * Nothing in the engine retries on top of it.
 *
 * <p>Bound: a call that keeps failing gives up after {@value #MAX_ATTEMPTS} attempts, having
 * slept at most {@link #worstCaseBackoff()} (throttling backs off from 1 s, doubling, capped at
 * 20 s, with full jitter; other errors from 100 ms); on average half that.
 *
 * <p>The system property {@value #DELAY_SCALE_PROPERTY} scales every delay (the build's own
 * tests set 0.01, so faults retried until they run out cost milliseconds); attempts are unchanged.
 */
public final class Retries {
    /** Attempts per call, the first included: ten consecutive faults are needed to fail a call. */
    public static final int MAX_ATTEMPTS = 10;
    static final Duration BASE = Duration.ofMillis(100);
    static final Duration THROTTLED_BASE = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofSeconds(20);
    static final String DELAY_SCALE_PROPERTY = "crossdeploy.retryDelayScale";

    private Retries() {}

    /**
     * The override configuration every client is built with: this retry strategy, and a note of
     * the endpoint on a call that fails without an answer (for {@link AwsErrors}' lines).
     */
    public static ClientOverrideConfiguration policy() {
        return ClientOverrideConfiguration.builder().retryStrategy(strategy())
                .addExecutionInterceptor(new FailedEndpoint()).build();
    }

    /**
     * The SDK's standard strategy, resized. Its circuit breaker is off: it exists to shed load
     * from many callers, while a deploy makes a few calls a second and must not be failed by
     * the retry quota running dry during a long, throttled stack operation.
     */
    public static RetryStrategy strategy() {
        double scale = delayScale();
        return strategy(scaled(BASE, scale), scaled(THROTTLED_BASE, scale), scaled(CAP, scale));
    }

    private static double delayScale() {
        try {
            double scale = Double.parseDouble(System.getProperty(DELAY_SCALE_PROPERTY, "1"));
            return scale > 0 && scale <= 1 ? scale : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Duration scaled(Duration d, double scale) {
        return Duration.ofNanos(Math.max(1, (long) (d.toNanos() * scale)));
    }

    private static RetryStrategy strategy(Duration base, Duration throttledBase, Duration cap) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(base, cap))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttledBase, cap))
                .circuitBreakerEnabled(false)
                .build();
    }

    /** The longest a call sleeps between its attempts before giving up: throttled every time, no jitter luck. */
    public static Duration worstCaseBackoff() {
        Duration total = Duration.ZERO;
        for (int retry = 1; retry < MAX_ATTEMPTS; retry++) {
            Duration step = THROTTLED_BASE.multipliedBy(1L << Math.min(retry - 1, 20));
            total = total.plus(step.compareTo(CAP) > 0 ? CAP : step);
        }
        return total;
    }
}
