package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.time.Instant;
import java.util.Optional;

/**
 * The {@code delete-stack} engine: deletes a stage's stack and streams its events until it is
 * gone. Refuses protected stages; a stack that does not exist is nothing to delete.
 */
public final class StackDeleter {
    private static final String TIMEOUT = "crossdeploy.timeout";

    private final CloudFormationClient cfn;
    private final Reporter reporter;
    private final Timing timing;
    private final AwsCalls calls;

    public StackDeleter(CloudFormationClient cfn, Reporter reporter, Timing timing) {
        this.cfn = cfn;
        this.reporter = reporter;
        this.timing = timing;
        this.calls = new AwsCalls(timing.sleeper());
    }

    /** @return true when a stack was deleted, false when there was none */
    public boolean delete(DeleteRequest request) {
        return Errors.refusalExplained(request.stackName(), request.stage(), () -> run(request));
    }

    private boolean run(DeleteRequest request) {
        String name = request.stackName();
        if (request.stage().protectedStage()) {
            throw new CrossdeployException("Refused: stage " + request.stage().name() + " is protected and crossdeploy does not delete its stacks;"
                    + " delete stack " + name + " by hand if you really mean it");
        }
        Instant deadline = timing.clock().instant().plus(request.timeout());
        StackWatcher watcher = new StackWatcher(cfn, calls, reporter, timing, new EventLine(Math.max(name.length(), 24), 32));
        Optional<Stack> found = new StackLookup(cfn, calls).find(name);
        if (found.isEmpty()) {
            reporter.info("Stack " + name + " does not exist in stage " + request.stage().name() + ": nothing to delete");
            return false;
        }
        Stack stack = found.get();
        if (Boolean.TRUE.equals(stack.enableTerminationProtection())) {
            throw new CrossdeployException("Stack " + name + " has termination protection enabled; turn it off first"
                    + " (aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name " + name + ")");
        }
        if ("DELETE_IN_PROGRESS".equals(stack.stackStatusAsString())) {
            // Someone else's DeleteStack (a second pipeline run, a person in the console): wait for
            // it rather than start our own, and count it as ours when the stack is gone.
            reporter.info("Stack " + name + " is already being deleted (DELETE_IN_PROGRESS); waiting for it to be gone");
            StackWatcher.Settled other = watcher.await(stack.stackId(), name,
                    EventCursor.fromNow(cfn, calls, stack.stackId()), deadline, TIMEOUT);
            if ("DELETE_COMPLETE".equals(other.status())) {
                reporter.info("Stack " + name + " deleted");
                return true;
            }
        } else if (StackStatuses.inProgress(stack.stackStatusAsString())) {
            StackWatcher.Settled other = watcher.awaitRunning(stack, name, deadline, TIMEOUT);
            if ("DELETE_COMPLETE".equals(other.status())) {
                reporter.info("Stack " + name + " deleted");
                return true;
            }
        }
        reporter.info("Deleting stack " + name + " in stage " + request.stage().name());
        StackWatcher.Settled settled = new StackRemoval(cfn, calls, watcher)
                .delete(stack.stackId(), name, request.stage().executionRoleArn(), deadline, TIMEOUT);
        if (!"DELETE_COMPLETE".equals(settled.status())) {
            String message = "Deleting stack " + name + " failed (" + settled.status() + "). Root cause: "
                    + settled.rootCause(stack.stackId());
            reporter.error(message);
            throw new CrossdeployException(message);
        }
        reporter.info("Stack " + name + " deleted");
        return true;
    }
}
