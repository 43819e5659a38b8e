package dev.crossdeploy.stack;

import java.util.Set;

/** What a stack status means to a deployment. */
final class StackStatuses {
    private static final Set<String> DEPLOYED = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
    /** Settled states an update change set can start from. */
    private static final Set<String> UPDATABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE",
            "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

    private StackStatuses() {}

    /** Still moving: wait before doing anything. REVIEW_IN_PROGRESS is a resting state, not one of these. */
    static boolean inProgress(String status) {
        return status.endsWith("_IN_PROGRESS") && !"REVIEW_IN_PROGRESS".equals(status);
    }

    static boolean settled(String status) {
        return !inProgress(status);
    }

    static boolean deployed(String status) { return DEPLOYED.contains(status); }

    static boolean updatable(String status) { return UPDATABLE.contains(status); }
}
