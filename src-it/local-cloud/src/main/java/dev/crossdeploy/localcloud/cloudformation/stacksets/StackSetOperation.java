package dev.crossdeploy.localcloud.cloudformation.stacksets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CREATE, UPDATE or DELETE operation on a stack set's instances: what it was asked to do
 * (preferences, roles, RetainStacks), its per-account results and its status RUNNING, then
 * SUCCEEDED or FAILED.
 */
final class StackSetOperation {
    final String id;
    final String action;
    final StackSet set;
    final OperationPreferences preferences;
    final Boolean retainStacks;
    final String administrationRoleArn;
    final String executionRoleName;
    final Instant created;
    /** The request that started it, to tell a retry (same id, same input) from a reuse of the id. */
    final String request;
    volatile String status = "RUNNING";
    volatile Instant ended;
    volatile String statusReason;
    private final Map<String, OperationResult> results = new LinkedHashMap<>();

    StackSetOperation(String id, String action, StackSet set, OperationPreferences preferences, Boolean retainStacks,
                      Instant created, String request) {
        this.id = id;
        this.action = action;
        this.set = set;
        this.preferences = preferences;
        this.retainStacks = retainStacks;
        this.administrationRoleArn = set.administrationRoleArn;
        this.executionRoleName = set.executionRoleName;
        this.created = created;
        this.request = request;
    }

    synchronized OperationResult add(String account, String region) {
        return results.computeIfAbsent(StackInstance.key(account, region), k -> new OperationResult(account, region));
    }

    synchronized List<OperationResult> results() { return new ArrayList<>(results.values()); }

    synchronized List<OperationResult> resultsIn(String region) {
        return results.values().stream().filter(r -> r.region.equals(region)).toList();
    }

    synchronized List<String> regions() {
        return results.values().stream().map(r -> r.region).distinct().toList();
    }

    long failedCount() { return results().stream().filter(OperationResult::failed).count(); }
}
