package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.time.Instant;
import java.util.Optional;

/** Where a deployment can start from: the stack as it is once nobody else is busy with it. */
final class StartingPoint {
    private static final String TIMEOUT = "crossdeploy.timeout";

    private final CloudFormationClient cfn;
    private final StackLookup lookup;
    private final Reporter reporter;

    StartingPoint(CloudFormationClient cfn, StackLookup lookup, Reporter reporter) {
        this.cfn = cfn;
        this.lookup = lookup;
        this.reporter = reporter;
    }

    /**
     * Brings the stack to a state a change set can start from: waits for another deployment that
     * is running, deletes a stack whose first deployment failed (ROLLBACK_COMPLETE), and refuses
     * states only a person can resolve. A stack in REVIEW_IN_PROGRESS (created, never deployed:
     * another run's or a killed run's) is left in place; the CREATE change set goes onto it.
     *
     * @return the stack to update or to create onto, or empty to create it
     */
    Optional<Stack> prepare(DeployRequest request, StackWatcher watcher, BusyStack busy, Instant deadline) {
        String name = request.stackName();
        StackRemoval removal = new StackRemoval(cfn, watcher);
        while (true) {
            Optional<Stack> found = lookup.find(name);
            if (found.isEmpty()) return found;
            Stack stack = found.get();
            String status = stack.stackStatusAsString();
            if (StackStatuses.updatable(status)) return found;
            if (busy.busy(stack)) {
                busy.await(stack, name, deadline);
                continue;
            }
            switch (status) {
                case "REVIEW_IN_PROGRESS" -> {
                    reporter.info("Stack " + name + " is in REVIEW_IN_PROGRESS (created, never deployed); creating it with a new change set");
                    return found;
                }
                case "ROLLBACK_COMPLETE" -> {
                    if (request.dryRun()) return found;
                    reporter.info("Stack " + name + " is in ROLLBACK_COMPLETE (its first deployment failed); deleting it and creating it again");
                    StackWatcher.Settled gone = removal.delete(stack.stackId(), name, request.stage().executionRoleArn(), deadline, TIMEOUT);
                    if (!"DELETE_COMPLETE".equals(gone.status())) {
                        throw new CrossdeployException("Could not delete stack " + name + " after its failed first deployment ("
                                + gone.status() + "): " + RootCause.describe(gone.events(), stack.stackId(), null)
                                + "; delete it by hand (aws cloudformation delete-stack --stack-name " + name + ") and deploy again");
                    }
                }
                default -> throw stuck(stack, request.stage());
            }
        }
    }

    /** The one-line error for a stack only a person can get out of its state, saying how. */
    static CrossdeployException stuck(Stack stack, Stage stage) {
        String name = stack.stackName();
        String status = stack.stackStatusAsString();
        if ("UPDATE_ROLLBACK_FAILED".equals(status)) {
            return new CrossdeployException("Stack " + name + " is in UPDATE_ROLLBACK_FAILED" + reason(stack)
                    + "; fix the cause, then run: aws cloudformation continue-update-rollback --stack-name " + name
                    + roleOption(stage) + " and deploy again");
        }
        return new CrossdeployException("Stack " + name + " is in " + status + reason(stack)
                + "; CloudFormation cannot update it from there: delete it (aws cloudformation delete-stack --stack-name "
                + name + ") and deploy again");
    }


    private static String reason(Stack stack) {
        String r = stack.stackStatusReason();
        return r == null || r.isBlank() ? "" : " (" + Text.oneLine(r) + ")";
    }

    private static String roleOption(Stage stage) {
        return stage.executionRoleArn() == null || stage.executionRoleArn().isBlank() ? "" : " --role-arn " + stage.executionRoleArn();
    }
}
