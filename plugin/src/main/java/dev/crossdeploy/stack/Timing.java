package dev.crossdeploy.stack;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine waits: the clock it reads, how it sleeps, how fast it polls (starting at
 * {@code firstPoll}, backing off to {@code maxPoll} while the stack moves and to {@code idlePoll}
 * once nothing has happened for a while; a stack's own wait follows its events and backs off
 * while CloudFormation throttles its polls, see {@link PollSchedule}) and how often it says it
 * is still waiting.
 */
public record Timing(Clock clock, Sleeper sleeper, Duration firstPoll, Duration maxPoll, Duration heartbeat, Duration idlePoll) {

    public Timing {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        if (firstPoll.compareTo(maxPoll) > 0) throw new IllegalArgumentException("firstPoll must not exceed maxPoll");
        if (maxPoll.compareTo(idlePoll) > 0) throw new IllegalArgumentException("maxPoll must not exceed idlePoll");
    }

    /** Polls idle at two and a half times {@code maxPoll}. */
    public Timing(Clock clock, Sleeper sleeper, Duration firstPoll, Duration maxPoll, Duration heartbeat) {
        this(clock, sleeper, firstPoll, maxPoll, heartbeat, maxPoll.multipliedBy(5).dividedBy(2));
    }

    /**
     * Real time: polls from 250 ms backing off to 2 s while events arrive (a stack moving in a
     * steady rhythm is polled just after each expected step, about 3 s apart at most, so its end is seen
     * within about 2 s) and to 5 s when nothing has moved for a while; a heartbeat every 30 s.
     */
    public static Timing real() {
        return new Timing(Clock.systemUTC(), Sleeper.real(), Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** The same timing with other poll bounds; idle polls at two and a half times {@code max}. */
    public Timing withPolls(Duration first, Duration max) {
        return new Timing(clock, sleeper, first, max, heartbeat);
    }

    /** The next poll interval after {@code current} while things move: half again as long, at most {@code maxPoll}. */
    Duration next(Duration current) {
        return grow(current, maxPoll);
    }

    /** The next poll interval after {@code current} when nothing moved: half again as long, at most {@code idlePoll}. */
    Duration nextIdle(Duration current) {
        return grow(current, idlePoll);
    }

    private static Duration grow(Duration current, Duration cap) {
        Duration grown = current.plus(current.dividedBy(2));
        return grown.compareTo(cap) > 0 ? cap : grown;
    }
}
