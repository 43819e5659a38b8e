package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Waits for a stack operation to settle, printing each new stack event as it arrives and a
 * heartbeat line when nothing was printed for a while. Polls start fast and back off; they are
 * idempotent reads, retried by the clients' retry policy ({@code account.Retries}).
 */
final class StackWatcher {
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
    }

    /**
     * Polls until the stack leaves its *_IN_PROGRESS states (or disappears).
     *
     * @throws CrossdeployException when {@code deadline} passes first
     */
    Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter) {
        return await(stackId, stackName, cursor, deadline, timeoutParameter, null);
    }

    /**
     * Like {@link #await(String, String, EventCursor, Instant, String)} for an operation just
     * started: the stack as it was before ({@code before}) does not count as settled, since
     * CloudFormation may still answer with it right after the call that started the operation.
     */
    Settled await(String stackId, String stackName, EventCursor cursor, Instant deadline, String timeoutParameter, Stack before) {
        Instant started = timing.clock().instant();
        Instant lastLine = started;
        Duration interval = timing.firstPoll();
        String lastStatus = "UNKNOWN";
        List<StackEvent> seen = new ArrayList<>();
        while (true) {
            if (print(cursor.fetchNew(), seen)) lastLine = timing.clock().instant();
            Optional<Stack> stack = Optional.ofNullable(describe(stackId));
            if (stack.isEmpty()) {
                flush(cursor, seen);
                return new Settled("DELETE_COMPLETE", null, seen);
            }
            lastStatus = stack.get().stackStatusAsString();
            // DELETE_COMPLETE is final: nothing moves a deleted stack again, so waiting for it to would never end.
            if (StackStatuses.settled(lastStatus) && ("DELETE_COMPLETE".equals(lastStatus)
                    || moved(before, stack.get()) || sawStackEvent(seen, stackId, lastStatus))) {
                flush(cursor, seen);
                return new Settled(lastStatus, stack.get(), seen);
            }
            Instant now = timing.clock().instant();
            if (!now.isBefore(deadline)) {
                throw new CrossdeployException("Timed out after " + Text.elapsed(Duration.between(started, now))
                        + " waiting for stack " + stackName + " (" + lastStatus + "); CloudFormation carries on:"
                        + " watch it in the console and deploy again once it settles, or raise " + timeoutParameter);
            }
            if (Duration.between(lastLine, now).compareTo(timing.heartbeat()) >= 0) {
                reporter.info("still waiting: " + stackName + " " + lastStatus + " (" + Text.elapsed(Duration.between(started, now)) + ")");
                lastLine = now;
            }
            Duration left = Duration.between(now, deadline);
            sleep(interval.compareTo(left) > 0 ? left : interval);
            interval = timing.next(interval);
        }
    }

    /** Whether the stack is no longer as it was before the operation (status or update time changed). */
    private static boolean moved(Stack before, Stack now) {
        if (before == null) return true;
        return !before.stackStatusAsString().equals(now.stackStatusAsString())
                || !java.util.Objects.equals(before.lastUpdatedTime(), now.lastUpdatedTime());
    }

    /** Whether the stack's own event for {@code status} arrived since the operation began. */
    private static boolean sawStackEvent(List<StackEvent> seen, String stackId, String status) {
        return seen.stream().anyMatch(e -> stackId.equals(e.physicalResourceId()) && status.equals(e.resourceStatusAsString()));
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
        } catch (SdkServiceException e) {
            if (!e.isThrottlingException() && e.statusCode() < 500) throw e;
            reporter.warn("Could not read the last stack events (CloudFormation kept throttling); the stack's status below is final");
        }
    }

    private boolean print(List<StackEvent> events, List<StackEvent> seen) {
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
        return !events.isEmpty();
    }

    private void sleep(Duration d) {
        timing.sleeper().sleepOrStop(d, "interrupted while waiting for the stack");
    }
}
