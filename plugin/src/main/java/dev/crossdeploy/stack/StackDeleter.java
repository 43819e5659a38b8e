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
 * gone. Refuses protected stages. Idempotent: a stack that does not exist is nothing to delete,
 * and one already being deleted (another run, a person, a killed run's DeleteStack) is waited
 * for and counts as deleted once it is gone.
 */
public final class StackDeleter {
    private static final String TIMEOUT = "crossdeploy.timeout";

    private final CloudFormationClient cfn;
    private final Reporter reporter;
    private final Timing timing;

    public StackDeleter(CloudFormationClient cfn, Reporter reporter, Timing timing) {
        this.cfn = cfn;
        this.reporter = reporter;
        this.timing = timing;
    }

    /** @return true when a stack was deleted (by this run or one it waited for), false when there was none */
    public boolean delete(DeleteRequest request) {
        return Errors.refusalExplained(request.stackName(), request.stage(), () -> run(request));
    }

    /**
     * Refuses a protected stage's request, so several stages' requests can all be checked before the first deletion.
     *
     * @return {@code request}, when it may go ahead
     */
    public static DeleteRequest refuseProtected(DeleteRequest request) {
        if (request.stage().protectedStage()) {
            throw new CrossdeployException("Refused: stage " + request.stage().name() + " is protected and crossdeploy does not delete its stacks;"
                    + " delete stack " + request.stackName() + " by hand if you really mean it");
        }
        return request;
    }

    private boolean run(DeleteRequest request) {
        String name = request.stackName();
        refuseProtected(request);
        Instant deadline = timing.clock().instant().plus(request.timeout());
        StackWatcher watcher = new StackWatcher(cfn, reporter, timing, new EventLine(Math.max(name.length(), 24), 32));
        StackLookup lookup = new StackLookup(cfn);
        Optional<Stack> found = lookup.find(name);
        if (found.isEmpty()) {
            reporter.info("Stack " + name + " does not exist in stage " + request.stage().name() + ": nothing to delete");
            return false;
        }
        if (Boolean.TRUE.equals(found.get().enableTerminationProtection())) {
            throw new CrossdeployException("Stack " + name + " has termination protection enabled; turn it off first"
                    + " (aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name " + name + ")");
        }
        String stackId = found.get().stackId();
        BusyStack busy = new BusyStack(cfn, lookup, watcher, reporter, timing, TIMEOUT);
        boolean waitedForOther = false;
        while (true) {
            // By id: a deleted stack still answers, DELETE_COMPLETE, so "gone" is seen whoever deleted it.
            Stack stack = watcher.describe(stackId);
            String status = stack == null ? "DELETE_COMPLETE" : stack.stackStatusAsString();
            if ("DELETE_COMPLETE".equals(status)) return deleted(name);
            if ("DELETE_IN_PROGRESS".equals(status) && !waitedForOther) {
                reporter.info("Stack " + name + " is already being deleted (DELETE_IN_PROGRESS); waiting for it to be gone");
                watcher.await(stackId, name, EventCursor.fromNow(cfn, stackId), deadline, TIMEOUT);
                waitedForOther = true;
                continue;
            }
            if (busy.busy(stack)) {
                busy.await(stack, name, deadline);
                continue;
            }
            reporter.info("Deleting stack " + name + " in stage " + request.stage().name());
            StackWatcher.Settled settled = new StackRemoval(cfn, watcher)
                    .delete(stackId, name, request.stage().executionRoleArn(), deadline, TIMEOUT);
            if (!"DELETE_COMPLETE".equals(settled.status())) {
                String message = "Deleting stack " + name + " failed (" + settled.status() + "). Root cause: "
                        + settled.rootCause(stackId);
                reporter.error(message);
                throw new CrossdeployException(message);
            }
            return deleted(name);
        }
    }

    private boolean deleted(String name) {
        reporter.info("Stack " + name + " deleted");
        return true;
    }
}
