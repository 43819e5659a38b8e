package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.CloudState;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An Approval action of provider Manual: it hands out a token (GetPipelineState shows it) and
 * waits, at most AWS's seven days, for PutApprovalResult: Approved succeeds, Rejected fails.
 * In PARALLEL mode the token is the action execution's externalExecutionId instead.
 */
final class ManualApproval {
    static final Duration TIMEOUT = Duration.ofDays(7);
    private final CloudState state;

    ManualApproval(CloudState state) { this.state = state; }

    /** @return the approver's answer, Approved or Rejected */
    ActionRun.ApprovalResult run(PipelineExecution execution, ActionRun run) throws ActionFailure, InterruptedException {
        String token = UUID.randomUUID().toString();
        run.awaitApproval(token, state.clock().instant());
        // In PARALLEL mode GetPipelineState shows no token: ListActionExecutions' externalExecutionId is the token.
        if (execution.pipeline().executionMode().equals("PARALLEL")) run.external(token, null, state.clock().instant());
        ActionRun.ApprovalResult result;
        try {
            result = run.approval().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ActionFailure("The approval action timed out after 7 days");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return result;
    }
}
