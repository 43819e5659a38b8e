package dev.crossdeploy.stack;

import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to poll a stack operation next, from what its events have shown so far.
 *
 * <ul>
 *   <li>The first poll comes at once and the next {@link Timing#firstPoll()} later: a stack on a
 *       fast cloud may be done by then.</li>
 *   <li>A stack that has finished no resource by then is slow: polls come {@link Timing#maxPoll()} apart.</li>
 *   <li>Once resources finish, polls come {@code firstPoll} apart growing half again each time up
 *       to {@code maxPoll}, so a fast stack is seen to end soon after it does.</li>
 *   <li>When the stack moves in a steady rhythm (its last three bursts of events equally far
 *       apart), polls come just after the bursts it is expected to make, as few as still see
 *       each burst at most {@code maxPoll} after it happens (give or take a tenth), and about one
 *       and a half {@code maxPoll} apart at most. A chain of resources that each take a second is
 *       then polled every third second, one that takes three seconds every third second too, each
 *       time just after it moved.</li>
 *   <li>Once nothing has happened for three {@code maxPoll}, polls back off to {@link Timing#idlePoll()}.</li>
 *   <li>A poll CloudFormation throttled read nothing; the next poll is its retry, after a wait
 *       drawn at random (full jitter, so waits running side by side, one run deploying to many
 *       accounts, spread out instead of polling in step) up to a ceiling that starts at half
 *       {@code maxPoll} (1 s, as the SDK's own first throttling backoff) and doubles with each
 *       throttled poll in a row up to {@code idlePoll}; never less than {@code firstPoll}, and
 *       on a stack with nothing new for a while never less than its usual (idle) wait.</li>
 * </ul>
 *
 * Event times are the cloud's; they are placed on the local clock by the event seen soonest
 * after it happened, so a skewed clock makes polls late, never early.
 */
final class PollSchedule {
    private final Timing timing;
    /** Events less than this apart are one burst. */
    private final Duration burst;
    /** How long after an expected burst the poll comes, for the event to be readable. */
    private final Duration margin;
    /** How late a burst of a stack moving in a rhythm may be seen: {@code maxPoll}, give or take a tenth. */
    private final Duration notice;
    /** The longest wait between polls of a stack moving in a rhythm. */
    private final Duration longest;
    /** The cloud's times of the last event of each of the newest three bursts, oldest first. */
    private final Deque<Instant> bursts = new ArrayDeque<>();
    private Duration interval;
    private final Instant started;
    private Instant lastNews;
    private boolean finishedAny;
    /** The cloud's clock minus the local clock, at least: the largest (event time - time it was seen). */
    private Duration skew;
    /** Polls CloudFormation throttled since the last one it answered. */
    private int throttledInARow;
    /** Where in its range (0 to 1) a throttled poll's wait falls. */
    private final DoubleSupplier jitter;

    PollSchedule(Timing timing, Instant started) {
        this(timing, started, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param jitter numbers from 0 (inclusive) to 1 that place each wait after a throttled poll in its range */
    PollSchedule(Timing timing, Instant started, DoubleSupplier jitter) {
        this.timing = timing;
        this.jitter = jitter;
        this.burst = timing.firstPoll();
        this.margin = timing.firstPoll().dividedBy(5);
        this.notice = timing.maxPoll().plus(timing.maxPoll().dividedBy(10));
        this.longest = timing.maxPoll().plus(timing.maxPoll().dividedBy(2));
        this.interval = timing.firstPoll();
        this.started = started;
        this.lastNews = started;
    }

    /** Notes the new events (oldest first) a poll at {@code now} read. */
    void observe(Instant now, List<StackEvent> events) {
        throttledInARow = 0;
        for (StackEvent e : events) {
            Instant at = e.timestamp();
            if (at == null) continue;
            Duration lead = Duration.between(now, at);
            if (skew == null || lead.compareTo(skew) > 0) skew = lead;
            if (!bursts.isEmpty() && Duration.between(bursts.peekLast(), at).compareTo(burst) < 0) {
                if (at.isAfter(bursts.peekLast())) {
                    bursts.pollLast();
                    bursts.addLast(at);
                }
            } else {
                bursts.addLast(at);
                if (bursts.size() > 3) bursts.pollFirst();
            }
            String status = e.resourceStatusAsString();
            if (status != null && (status.endsWith("_COMPLETE") || status.endsWith("_FAILED"))) finishedAny = true;
        }
        if (!events.isEmpty()) lastNews = now;
    }

    /** Notes that CloudFormation throttled a poll: it read nothing, and asks to be called less often. */
    void throttled() {
        throttledInARow++;
    }

    /** How long to wait after a poll at {@code now}. */
    Duration next(Instant now) {
        boolean quiet = Duration.between(lastNews, now).compareTo(timing.maxPoll().multipliedBy(3)) > 0;
        Duration usual = usual(now, quiet);
        if (throttledInARow == 0) return usual;
        // A moving stack's throttled poll may have missed news: it is retried after the backoff,
        // which may come before the usual wait ends; a quiet stack's poll no sooner than usual.
        Duration retry = retry();
        return quiet && usual.compareTo(retry) > 0 ? usual : retry;
    }

    /** The wait after throttled polls: at random up to half {@code maxPoll}, doubled per throttled poll in a row, at most {@code idlePoll}. */
    private Duration retry() {
        Duration ceiling = timing.maxPoll().dividedBy(2).multipliedBy(1L << Math.min(throttledInARow - 1, 16));
        if (ceiling.compareTo(timing.idlePoll()) > 0) ceiling = timing.idlePoll();
        Duration wait = Duration.ofNanos((long) (ceiling.toNanos() * Math.min(1.0, Math.max(0.0, jitter.getAsDouble()))));
        return wait.compareTo(timing.firstPoll()) < 0 ? timing.firstPoll() : wait;
    }

    private Duration usual(Instant now, boolean quiet) {
        if (quiet) {
            interval = timing.nextIdle(interval.compareTo(timing.maxPoll()) < 0 ? timing.maxPoll() : interval);
            return interval;
        }
        Duration pace = pace();
        if (pace != null) {
            interval = timing.maxPoll();
            return inRhythm(now, pace);
        }
        if (finishedAny) {
            interval = timing.next(interval.compareTo(timing.maxPoll()) > 0 ? timing.maxPoll() : interval);
        } else if (Duration.between(started, now).compareTo(timing.firstPoll()) >= 0) {
            interval = timing.maxPoll();
        }
        return interval;
    }

    /** The wait until just after the last burst expected no later than {@code maxPoll} after the next one. */
    private Duration inRhythm(Instant now, Duration pace) {
        Instant last = bursts.peekLast().minus(skew);
        long sinceLast = Duration.between(last, now).toNanos();
        long toNext = sinceLast < 0 ? 0 : sinceLast / pace.toNanos() + 1;
        long steps = toNext + notice.toNanos() / pace.toNanos();
        Duration wait = Duration.between(now, last.plus(pace.multipliedBy(steps)).plus(margin));
        // A rhythm a little slower than the longest wait is followed one burst at a time.
        Duration cap = pace.plus(margin).compareTo(longest) > 0 ? pace.plus(margin) : longest;
        if (wait.compareTo(cap) > 0) return cap;
        return wait.compareTo(margin) < 0 ? margin : wait;
    }

    /** The gap between the newest three bursts when both agree within a tenth and it is about the longest wait at most; else null. */
    private Duration pace() {
        if (bursts.size() < 3) return null;
        Instant[] b = bursts.toArray(Instant[]::new);
        Duration earlier = Duration.between(b[0], b[1]);
        Duration later = Duration.between(b[1], b[2]);
        Duration tolerance = later.dividedBy(10);
        if (earlier.minus(later).abs().compareTo(tolerance) > 0 || later.compareTo(longest.plus(longest.dividedBy(10))) > 0) return null;
        return later;
    }
}
