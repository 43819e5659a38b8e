package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Waits for a stack operation to settle, printing each new stack event as it arrives and a
 * heartbeat line when nothing was printed for a while.
 *
 * <p>One call a poll: the newest page of DescribeStackEvents shows both what happened and, as
 * the stack's own event, when the operation ended; only then is the stack described once, for
 * its outputs. Polls come at most {@link Timing#maxPoll()} apart while events arrive and back
 * off to {@link Timing#idlePoll()} while nothing happens. At the first quiet poll and every
 * heartbeat after it the stack is also described, which ends a wait whose last event came
 * before the wait started. A poll that is
 * throttled or hits a 5xx is skipped, never failing an operation that succeeds.
 */
final class StackWatcher {
    /** Attempts to read the last events once the stack has settled. */
    private static final int FINAL_READ_ATTEMPTS = 6;
    private static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private final CloudFormationClient cfn;
    private final Reporter reporter;
    private final Timing timing;
    private final EventLine format;

    StackWatcher(CloudFormationClient cfn, Reporter reporter, Timing timing, EventLine format) {
        this.cfn = cfn;
        this.reporter = reporter;
        this.timing = timing;
        this.format = format;
    }

    /** As {@link #StackWatcher(CloudFormationClient, Reporter, Timing, EventLine)}; polls need no {@code calls}. */
    StackWatcher(CloudFormationClient cfn, AwsCalls calls, Reporter reporter, Timing timing, EventLine format) {
        this(cfn, reporter, timing, format);
    }

    /** How the wait ended: the settled status, the stack (null once deleted) and the events seen. */
    record Settled(String status, Stack stack, List<StackEvent> events) {
        /** Why the operation failed: the first failed resource's reason, else the stack's status reason. */
        String rootCause(String stackId) {
            return RootCause.describe(events, stackId, stack == null ? null : stack.stackStatusReason());
        }
    }

    /** Waits out the operation a busy stack is running before one of ours can start. */
    Settled awaitRunning(Stack stack, String name, Instant deadline, String timeoutParameter) {
        reporter.info("Stack " + name + " is busy (" + stack.stackStatusAsString() + "); waiting for that operation to finish first");
        EventCursor cursor = EventCursor.fromNow(cfn, stack.stackId());
        return await(stack.stackId(), name, cursor, deadline, timeoutParameter, null, stack.stackStatusAsString());
    }

    /**
     * Polls until the stack leaves its *_IN_PROGRESS states (or disappears).
     *
     * @throws CrossdeployException when {@code deadline} passes first
     */
    Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter) {
        return await(stackId, stackName, cursor, deadline, timeoutParameter, null, "UNKNOWN");
    }

    /**
     * Like {@link #await(String, String, EventCursor, Instant, String)} for an operation just
     * started: the stack as it was before ({@code before}) does not count as settled, since
     * CloudFormation may still answer with it right after the call that started the operation.
     */
    Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter, Stack before) {
        return await(stackId, stackName, cursor, deadline, timeoutParameter, before, "UNKNOWN");
    }

    private Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter,
                          Stack before, String status) {
        Instant started = timing.clock().instant();
        Instant lastLine = started;
        Instant lastCheck = null;
        Duration interval = timing.firstPoll();
        String lastStatus = status;
        List<StackEvent> seen = new ArrayList<>();
        while (true) {
            Optional<List<StackEvent>> fresh;
            try {
                fresh = tryOnce(cursor::fetchNew);
            } catch (CloudFormationException e) {
                if (StackLookup.isMissing(e)) return new Settled("DELETE_COMPLETE", null, seen);
                throw e;
            }
            boolean moved = false;
            if (fresh.isPresent() && !fresh.get().isEmpty()) {
                print(fresh.get(), seen);
                lastLine = timing.clock().instant();
                moved = true;
                Optional<String> own = ownStatus(fresh.get(), stackId);
                if (own.isPresent()) lastStatus = own.get();
                if (own.filter(StackWatcher::ended).isPresent()) return settledAt(stackId, cursor, seen, lastStatus);
            }
            Instant now = timing.clock().instant();
            if (!moved && (lastCheck == null || Duration.between(lastCheck, now).compareTo(timing.heartbeat()) >= 0)) {
                // The operation may have ended before the cursor was placed: its last event is then not new.
                lastCheck = now;
                Optional<Optional<Stack>> described = tryOnce(() -> Optional.ofNullable(describe(stackId)));
                if (described.isPresent()) {
                    Optional<Stack> stack = described.get();
                    if (stack.isEmpty()) {
                        flush(cursor, seen);
                        return new Settled("DELETE_COMPLETE", null, seen);
                    }
                    lastStatus = stack.get().stackStatusAsString();
                    if (StackStatuses.settled(lastStatus) && ("DELETE_COMPLETE".equals(lastStatus) || changed(before, stack.get()))) {
                        flush(cursor, seen);
                        return new Settled(lastStatus, stack.get(), seen);
                    }
                }
            }
            if (!now.isBefore(deadline)) {
                throw new CrossdeployException("Timed out after " + Text.elapsed(Duration.between(started, now))
                        + " waiting for stack " + stackName + " (" + lastStatus + "); CloudFormation carries on:"
                        + " watch it in the console and deploy again once it settles, or raise " + timeoutParameter);
            }
            if (Duration.between(lastLine, now).compareTo(timing.heartbeat()) >= 0) {
                reporter.info("still waiting: " + stackName + " " + lastStatus + " (" + Text.elapsed(Duration.between(started, now)) + ")");
                lastLine = now;
            }
            Duration pause = fresh.isEmpty() ? jittered(interval) : interval;
            Duration left = Duration.between(now, deadline);
            sleep(pause.compareTo(left) > 0 ? left : pause);
            // While the stack moves the next event is likely soon; once it sits still, poll less.
            boolean quiet = Duration.between(lastLine, timing.clock().instant()).compareTo(timing.maxPoll().multipliedBy(3)) > 0;
            interval = quiet ? timing.nextIdle(interval) : timing.next(interval.compareTo(timing.maxPoll()) > 0 ? timing.maxPoll() : interval);
        }
    }

    /** The operation ended with the stack's own event {@code status}; the stack is described once for its outputs. */
    private Settled settledAt(String stackId, EventCursor cursor, List<StackEvent> seen, String status) {
        Optional<Stack> stack = Optional.empty();
        for (int attempt = 1; attempt <= FINAL_READ_ATTEMPTS; attempt++) {
            Optional<Optional<Stack>> described = tryOnce(() -> Optional.ofNullable(describe(stackId)));
            if (described.isPresent()) {
                stack = described.get();
                break;
            }
            pause(attempt);
        }
        return new Settled(status, stack.orElse(null), seen);
    }

    /** The newest status among the stack's own events in {@code events} (oldest first). */
    private static Optional<String> ownStatus(List<StackEvent> events, String stackId) {
        String status = null;
        for (StackEvent e : events) {
            if (stackId.equals(e.physicalResourceId()) && STACK_TYPE.equals(e.resourceType())) status = e.resourceStatusAsString();
        }
        return Optional.ofNullable(status);
    }

    /** Whether the stack's own event {@code status} ends an operation (REVIEW_IN_PROGRESS only starts one). */
    private static boolean ended(String status) {
        return StackStatuses.settled(status) && !"REVIEW_IN_PROGRESS".equals(status);
    }

    /** Whether the stack is no longer as it was before the operation (status or update time changed). */
    private static boolean changed(Stack before, Stack now) {
        if (before == null) return true;
        return !before.stackStatusAsString().equals(now.stackStatusAsString())
                || !Objects.equals(before.lastUpdatedTime(), now.lastUpdatedTime());
    }

    /** The stack by id, or null when it no longer exists. */
    Stack describe(String stackId) {
        try {
            List<Stack> stacks = cfn.describeStacks(b -> b.stackName(stackId)).stacks();
            if (stacks.isEmpty()) return null;
            return stacks.get(0);
        } catch (CloudFormationException e) {
            if (StackLookup.isMissing(e)) return null;
            throw e;
        }
    }

    private void flush(EventCursor cursor, List<StackEvent> seen) {
        for (int attempt = 1; attempt <= FINAL_READ_ATTEMPTS; attempt++) {
            Optional<List<StackEvent>> fresh;
            try {
                fresh = tryOnce(cursor::fetchNew);
            } catch (CloudFormationException e) {
                if (StackLookup.isMissing(e)) return; // a deleted stack's events are gone with it
                throw e;
            }
            if (fresh.isPresent()) {
                print(fresh.get(), seen);
                return;
            }
            pause(attempt);
        }
        reporter.warn("Could not read the last stack events (CloudFormation kept throttling); the stack's status below is final");
    }

    private void print(List<StackEvent> events, List<StackEvent> seen) {
        for (StackEvent e : events) {
            String line = format.format(e.timestamp(), e.logicalResourceId(), e.resourceType(),
                    e.resourceStatusAsString(), e.resourceStatusReason());
            if (e.resourceStatusAsString() != null && e.resourceStatusAsString().endsWith("_FAILED")) {
                reporter.warn(line);
            } else {
                reporter.info(line);
            }
            seen.add(e);
        }
    }

    /** One attempt; a transient failure (throttling, 5xx, a lost connection) gives empty and the next poll tries again. */
    private static <T> Optional<T> tryOnce(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            if (isTransient(e)) return Optional.empty();
            throw e;
        }
    }

    private static boolean isTransient(SdkException e) {
        if (e instanceof SdkServiceException s) return s.isThrottlingException() || s.statusCode() >= 500;
        return e instanceof SdkClientException;
    }

    private void pause(int attempt) {
        long ceiling = Math.min(5_000, 200L << Math.min(attempt - 1, 10));
        sleep(Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1)));
    }

    private static Duration jittered(Duration interval) {
        long ms = interval.toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    private void sleep(Duration d) {
        timing.sleeper().sleepOrStop(d, "interrupted while waiting for the stack");
    }
}
