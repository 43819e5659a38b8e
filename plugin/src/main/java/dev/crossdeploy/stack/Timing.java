package dev.crossdeploy.stack;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine waits: the clock it reads, how it sleeps, how fast it polls (starting at
 * {@code firstPoll}, backing off to {@code maxPoll}) and how often it says it is still waiting.
 */
public record Timing(Clock clock, Sleeper sleeper, Duration firstPoll, Duration maxPoll, Duration heartbeat) {

    public Timing {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        if (firstPoll.compareTo(maxPoll) > 0) throw new IllegalArgumentException("firstPoll must not exceed maxPoll");
    }

    /** Real time: polls from 250 ms backing off to 5 s, a heartbeat every 30 s. */
    public static Timing real() {
        return new Timing(Clock.systemUTC(), Sleeper.real(), Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public Timing withPolls(Duration first, Duration max) {
        return new Timing(clock, sleeper, first, max, heartbeat);
    }

    /** The next poll interval after {@code current}: half again as long, at most {@code maxPoll}. */
    Duration next(Duration current) {
        Duration grown = current.plus(current.dividedBy(2));
        return grown.compareTo(maxPoll) > 0 ? maxPoll : grown;
    }
}
