package dev.crossdeploy.stack;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs CloudFormation calls, retrying what is worth retrying — throttling, 5xx and lost
 * connections — with jittered exponential backoff. Anything else surfaces at once.
 */
final class AwsCalls {
    static final int ATTEMPTS = 8;
    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(5);

    private final Sleeper sleeper;

    AwsCalls(Sleeper sleeper) { this.sleeper = sleeper; }

    /** Runs {@code call}, retrying transient failures up to {@value #ATTEMPTS} attempts. */
    <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SdkException e) {
                if (!isTransient(e) || attempt >= ATTEMPTS) throw e;
                pause(attempt);
            }
        }
    }

    void run(Runnable call) {
        call(() -> { call.run(); return null; });
    }

    /** One attempt; a transient failure gives empty (the caller polls again later). */
    <T> Optional<T> tryOnce(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            if (isTransient(e)) return Optional.empty();
            throw e;
        }
    }

    /** Sleeps a jittered backoff for the given failed attempt (1-based). */
    void pause(int attempt) {
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 10));
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        sleeper.sleepOrStop(Duration.ofMillis(millis), "interrupted while retrying a CloudFormation call");
    }

    static boolean isTransient(SdkException e) {
        if (e instanceof SdkServiceException s) {
            return s.isThrottlingException() || s.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }
}
