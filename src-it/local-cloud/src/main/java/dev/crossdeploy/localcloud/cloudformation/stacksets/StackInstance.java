package dev.crossdeploy.localcloud.cloudformation.stacksets;

import java.util.Map;

/**
 * One stack set's reference to a stack in a target account and region: the stack it deployed
 * (if any), its status against the stack set (CURRENT, OUTDATED, INOPERABLE), the detailed status
 * of the last operation that touched it, and its own parameter overrides.
 */
final class StackInstance {
    final String account;
    final String region;
    volatile String stackId;
    volatile String status = "OUTDATED";
    volatile String detailedStatus = "PENDING";
    volatile String statusReason;
    volatile Map<String, String> overrides = Map.of();
    volatile String lastOperationId;

    StackInstance(String account, String region) {
        this.account = account;
        this.region = region;
    }

    static String key(String account, String region) { return account + "|" + region; }

    String key() { return key(account, region); }

    void pending(String operationId) {
        lastOperationId = operationId;
        status = "OUTDATED";
        detailedStatus = "PENDING";
        statusReason = null;
    }

    void settle(String status, String detailedStatus, String reason) {
        this.status = status;
        this.detailedStatus = detailedStatus;
        this.statusReason = reason;
    }
}
