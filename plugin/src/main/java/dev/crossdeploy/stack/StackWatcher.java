package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import dev.crossdeploy.report.html.ResourceEvent;
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

/**
 * Waits for a stack operation to settle, printing each new stack event as it arrives and a
 * heartbeat line when nothing was printed for a while.
 *
 * <p>One call a poll: the newest page of DescribeStackEvents shows both what happened and, as
 * the stack's own event, when the operation ended; only then is the stack described once, for
 * its outputs. When to poll is the {@link PollSchedule}'s: at once and soon after, then in step
 * with the stack's own events. Waiting on an operation another run started, the stack is also
 * described at the first quiet poll and every heartbeat after it, which ends a wait whose last
 * event came before the wait started; waiting on one this run started, whose events all come
 * after the wait began, only every heartbeat.
 *
 * <p>A poll is a repeatable read whose next occurrence is its retry: a throttled one is not
 * retried inside the SDK ({@link ThrottlingNotRetried}; other failures are, by the clients'
 * retry policy {@code account.Retries}) but counts as a poll without news, and the next poll
 * comes after a jittered backoff that grows with each throttled poll in a row up to the idle
 * poll ({@link PollSchedule}), where the SDK's would grow to 20 s. Throttled polls alone never
 * fail a wait: it goes on until its deadline, and the heartbeat line says how many polls were throttled.
 * Reading the last events once the stack settled ({@code flush}) and describing the stack keep
 * the clients' retry policy, throttling included.
 */
final class StackWatcher {
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

    /** How the wait ended: the settled status, the stack (null once deleted) and the events seen. */
    record Settled(String status, Stack stack, List<StackEvent> events) {
        /** Why the operation failed: the first failed resource's reason, else the stack's status reason. */
        String rootCause(String stackId) {
            return RootCause.describe(events, stackId, stack == null ? null : stack.stackStatusReason());
        }

        /** The events as the deployment report keeps them. */
        List<ResourceEvent> recorded() {
            return events.stream().map(e -> new ResourceEvent(e.timestamp(), e.logicalResourceId(), e.resourceType(),
                    e.resourceStatusAsString(), e.resourceStatusReason())).toList();
        }
    }

    /**
     * Polls until the stack leaves its *_IN_PROGRESS states (or disappears).
     *
     * @throws CrossdeployException when {@code deadline} passes first
     */
    Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter) {
        return await(stackId, stackName, cursor, deadline, timeoutParameter, null, false);
    }

    /**
     * Like {@link #await(String, String, EventCursor, Instant, String)} for an operation just
     * started: the stack as it was before ({@code before}) does not count as settled, since
     * CloudFormation may still answer with it right after the call that started the operation.
     */
    Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter, Stack before) {
        return await(stackId, stackName, cursor, deadline, timeoutParameter, before, true);
    }

    /** How long a wait goes without events before it also describes the stack (then once a heartbeat). */
    static final Duration QUIET_CHECK = Duration.ofSeconds(6);

    private Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter,
                          Stack before, boolean startedHere) {
        Instant started = timing.clock().instant();
        Instant lastLine = started;
        // A wait on an operation this run started has seen it begin: only heartbeats check the stack.
        Instant lastCheck = startedHere ? started : null;
        PollSchedule schedule = new PollSchedule(timing, started);
        Instant lastEvent = started;
        boolean quietChecked = false;
        String lastStatus = "UNKNOWN";
        List<StackEvent> seen = new ArrayList<>();
        // Polls, and the throttled ones among them, since the last line printed.
        int polls = 0;
        int throttled = 0;
        while (true) {
            List<StackEvent> fresh = List.of();
            polls++;
            try {
                fresh = cursor.poll();
                schedule.observe(timing.clock().instant(), fresh);
            } catch (CloudFormationException e) {
                if (StackLookup.isMissing(e)) return new Settled("DELETE_COMPLETE", null, seen);
                if (!e.isThrottlingException()) throw e;
                throttled++;
                schedule.throttled();
            }
            boolean moved = false;
            if (!fresh.isEmpty()) {
                // Events after this operation's own end belong to the next deployment of the stack.
                List<StackEvent> ours = upToOwnEnd(fresh, stackId);
                print(ours, seen);
                polls = 0;
                throttled = 0;
                lastLine = timing.clock().instant();
                lastEvent = lastLine;
                quietChecked = false;
                moved = true;
                Optional<String> own = ownStatus(ours, stackId);
                if (own.isPresent()) lastStatus = own.get();
                if (own.filter(StackWatcher::ended).isPresent()) return settledAt(stackId, cursor, seen, lastStatus);
            }
            Instant now = timing.clock().instant();
            // Once a stretch without events reaches QUIET_CHECK the stack is described too, so an end this
            // wait did not see as an event costs seconds, not a heartbeat.
            boolean longQuiet = !quietChecked && Duration.between(lastEvent, now).compareTo(QUIET_CHECK) >= 0;
            if (!moved && (lastCheck == null || longQuiet || Duration.between(lastCheck, now).compareTo(timing.heartbeat()) >= 0)) {
                quietChecked |= longQuiet;
                // The operation may have ended before the cursor was placed: its last event is then not new.
                lastCheck = now;
                Stack stack = describe(stackId);
                if (stack == null) {
                    flush(cursor, seen);
                    return new Settled("DELETE_COMPLETE", null, seen);
                }
                lastStatus = stack.stackStatusAsString();
                // DELETE_COMPLETE is final: nothing moves a deleted stack again, so waiting for it to would never end.
                if (StackStatuses.settled(lastStatus) && ("DELETE_COMPLETE".equals(lastStatus) || changed(before, stack))) {
                    flush(cursor, seen);
                    return new Settled(lastStatus, stack, seen);
                }
            }
            if (!now.isBefore(deadline)) {
                throw new CrossdeployException("Timed out after " + Text.elapsed(Duration.between(started, now))
                        + " waiting for stack " + stackName + " (" + lastStatus + "); CloudFormation carries on:"
                        + " watch it in the console and deploy again once it settles, or raise " + timeoutParameter);
            }
            if (Duration.between(lastLine, now).compareTo(timing.heartbeat()) >= 0) {
                reporter.info("still waiting: " + stackName + " " + lastStatus + " (" + Text.elapsed(Duration.between(started, now)) + ")"
                        + (throttled == 0 ? "" : "; CloudFormation throttled " + throttled + " of the last " + polls + " polls"));
                lastLine = now;
                polls = 0;
                throttled = 0;
            }
            sleep(shorter(schedule.next(now), Duration.between(now, deadline)));
        }
    }

    /** The shorter of the two, never negative. */
    private static Duration shorter(Duration a, Duration b) {
        Duration d = a.compareTo(b) > 0 ? b : a;
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The operation ended with the stack's own event {@code status}; the stack is described once for its outputs. */
    private Settled settledAt(String stackId, EventCursor cursor, List<StackEvent> seen, String status) {
        return new Settled(status, describe(stackId), seen);
    }

    /** {@code events} (oldest first) up to and including the stack's own first event that ends an operation. */
    private static List<StackEvent> upToOwnEnd(List<StackEvent> events, String stackId) {
        for (int i = 0; i < events.size(); i++) {
            StackEvent e = events.get(i);
            if (isOwn(e, stackId) && ended(e.resourceStatusAsString())) return events.subList(0, i + 1);
        }
        return events;
    }

    private static boolean isOwn(StackEvent e, String stackId) {
        return stackId.equals(e.physicalResourceId()) && STACK_TYPE.equals(e.resourceType());
    }

    /** The newest status among the stack's own events in {@code events} (oldest first). */
    private static Optional<String> ownStatus(List<StackEvent> events, String stackId) {
        String status = null;
        for (StackEvent e : events) {
            if (isOwn(e, stackId)) status = e.resourceStatusAsString();
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
        try {
            print(cursor.fetchNew(), seen);
        } catch (CloudFormationException e) {
            if (StackLookup.isMissing(e)) return; // a deleted stack's events are gone with it
            if (!e.isThrottlingException() && e.statusCode() < 500) throw e;
            reporter.warn("Could not read the last stack events (CloudFormation kept throttling); the stack's status below is final");
        }
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

    private void sleep(Duration d) {
        timing.sleeper().sleepOrStop(d, "interrupted while waiting for the stack");
    }
}
