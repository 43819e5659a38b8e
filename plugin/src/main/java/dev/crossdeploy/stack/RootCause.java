package dev.crossdeploy.stack;

import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds why a stack operation failed among its events: the first resource that failed for a
 * reason of its own, skipping the "Resource creation cancelled" echoes of other failures and
 * the stack's own summary, which only names the failed resources.
 */
final class RootCause {
    private RootCause() {}

    /**
     * @param events   the operation's events, oldest first
     * @param stackId  the stack's ARN, to tell the stack's own events from its resources'
     * @param fallback the stack's status reason, used when no resource event explains the failure
     */
    static String describe(List<StackEvent> events, String stackId, String fallback) {
        Optional<StackEvent> first = events.stream()
                .filter(e -> e.resourceStatusAsString() != null && e.resourceStatusAsString().endsWith("_FAILED"))
                .filter(e -> !isStackItself(e, stackId))
                .filter(e -> !isNoise(e.resourceStatusReason()))
                .findFirst();
        if (first.isPresent()) {
            StackEvent e = first.get();
            return e.logicalResourceId() + " (" + e.resourceType() + ") " + e.resourceStatusAsString() + ": "
                    + (e.resourceStatusReason() == null ? "no reason given" : e.resourceStatusReason());
        }
        return fallback == null || fallback.isBlank() ? "CloudFormation gave no reason" : fallback;
    }

    private static boolean isStackItself(StackEvent e, String stackId) {
        return stackId.equals(e.physicalResourceId()) && "AWS::CloudFormation::Stack".equals(e.resourceType());
    }

    static boolean isNoise(String reason) {
        if (reason == null || reason.isBlank()) return true;
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("cancelled") || r.contains("canceled");
    }
}
