package dev.crossdeploy.stackset;

import dev.crossdeploy.stage.Stage;

/**
 * How one stage's stack instance ended in a rollout.
 *
 * @param status SUCCEEDED, FAILED, CANCELLED (CloudFormation stopped the operation first), or
 *               NOT_STARTED (crossdeploy did not start it after the failure tolerance was exceeded)
 * @param reason CloudFormation's status reason, or why it did not start; empty when none
 */
public record InstanceOutcome(Stage stage, String status, String reason) {
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String NOT_STARTED = "NOT_STARTED";

    public InstanceOutcome {
        reason = reason == null ? "" : reason;
    }

    public boolean succeeded() { return SUCCEEDED.equals(status); }

    public boolean failed() { return FAILED.equals(status); }
}
