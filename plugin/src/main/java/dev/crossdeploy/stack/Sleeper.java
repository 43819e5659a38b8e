package dev.crossdeploy.stack;

import java.time.Duration;

/** Waits between polls; tests pass one that advances a manual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Sleeps for an engine that cannot be interrupted midway: an interrupt keeps the thread's
     * flag set and ends the wait as an {@link IllegalStateException} with {@code interruptedMessage}.
     */
    default void sleepOrStop(Duration duration, String interruptedMessage) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interruptedMessage, e);
        }
    }

    static Sleeper real() {
        return d -> Thread.sleep(Math.max(0, d.toMillis()));
    }
}
