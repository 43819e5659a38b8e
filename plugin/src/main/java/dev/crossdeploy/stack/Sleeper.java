package dev.crossdeploy.stack;

import java.time.Duration;

/** Waits between polls; tests pass one that advances a manual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return d -> Thread.sleep(Math.max(0, d.toMillis()));
    }
}
