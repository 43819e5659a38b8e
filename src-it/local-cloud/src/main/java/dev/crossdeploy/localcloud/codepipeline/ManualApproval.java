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
 */
final class ManualApproval {
    static final Duration TIMEOUT = Duration.ofDays(7);
    private final CloudState state;

    ManualApproval(CloudState state) { this.state = state; }

    /** @return the approver's answer, Approved or Rejected */
    ActionRun.ApprovalResult run(ActionRun run) throws ActionFailure, InterruptedException {
        run.awaitApproval(UUID.randomUUID().toString(), state.clock().instant());
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
