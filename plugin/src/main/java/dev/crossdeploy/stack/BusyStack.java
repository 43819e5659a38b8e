package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits for another deployment of the stack to finish: an operation in progress, or a change set
 * of a stack being created that CloudFormation is still computing. Says so once per run.
 */
final class BusyStack {
    private final CloudFormationClient cfn;
    private final StackLookup lookup;
    private final StackWatcher watcher;
    private final Reporter reporter;
    private final Timing timing;
    private final String timeoutParameter;
    private boolean said;

    BusyStack(CloudFormationClient cfn, StackLookup lookup, StackWatcher watcher, Reporter reporter, Timing timing, String timeoutParameter) {
        this.cfn = cfn;
        this.lookup = lookup;
        this.watcher = watcher;
        this.reporter = reporter;
        this.timing = timing;
        this.timeoutParameter = timeoutParameter;
    }

    /** Whether {@code stack} is in the middle of someone's operation. */
    boolean busy(Stack stack) {
        String status = stack.stackStatusAsString();
        return StackStatuses.inProgress(status)
                || "REVIEW_IN_PROGRESS".equals(status) && lookup.changeSetRunning(stack.stackId());
    }

    /** Waits until {@code stack} is no longer {@link #busy}; the caller reads it again afterwards. */
    void await(Stack stack, String name, Instant deadline) {
        say(name, stack.stackStatusAsString());
        if (StackStatuses.inProgress(stack.stackStatusAsString())) {
            watcher.await(stack.stackId(), name, EventCursor.fromNow(cfn, stack.stackId()), deadline, timeoutParameter);
            return;
        }
        Duration interval = timing.firstPoll();
        while (lookup.changeSetRunning(stack.stackId())) {
            if (!timing.clock().instant().isBefore(deadline)) {
                throw new CrossdeployException("Timed out waiting for another deployment of " + name
                        + " (a change set of it is still being computed); raise " + timeoutParameter + " or deploy again later");
            }
            timing.sleeper().sleepOrStop(interval, "interrupted while waiting for another deployment of " + name);
            interval = timing.next(interval);
        }
    }

    private void say(String name, String status) {
        if (said) return;
        said = true;
        reporter.info("Waiting for another deployment of " + name + " (" + status + ")");
    }
}
