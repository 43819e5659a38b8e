package dev.crossdeploy.localcloud.cloudformation.stacksets;

/** What one operation did in one account and region: PENDING, RUNNING, SUCCEEDED, FAILED or CANCELLED. */
final class OperationResult {
    /** The reason CloudFormation gives for accounts it did not start once the tolerance was exceeded. */
    static final String CANCELLED_REASON = "Cancelled since failure tolerance has exceeded";

    final String account;
    final String region;
    volatile String status = "PENDING";
    volatile String statusReason;
    /** The account gate's verdict; FAILED with the same reason when the roles do not let StackSets in. */
    volatile String gateStatus;
    volatile String gateReason;

    OperationResult(String account, String region) {
        this.account = account;
        this.region = region;
    }

    boolean failed() { return "FAILED".equals(status); }

    void finish(String status, String reason) {
        this.status = status;
        this.statusReason = reason;
    }
}
