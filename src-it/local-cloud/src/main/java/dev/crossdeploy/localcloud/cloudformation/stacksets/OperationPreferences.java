package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How an operation rolls out (StackSetOperationPreferences): region order and concurrency, how
 * many accounts at once and how many failures per region it tolerates. Percentages round down;
 * a maximum-concurrent percentage never goes below one account.
 */
record OperationPreferences(String regionConcurrencyType, List<String> regionOrder,
                            Integer failureToleranceCount, Integer failureTolerancePercentage,
                            Integer maxConcurrentCount, Integer maxConcurrentPercentage, String concurrencyMode) {

    private static final String PREFIX = "OperationPreferences.";

    static OperationPreferences read(QueryParams p) {
        List<String> order = p.list(PREFIX + "RegionOrder");
        OperationPreferences prefs = new OperationPreferences(p.get(PREFIX + "RegionConcurrencyType"), order,
                p.integer(PREFIX + "FailureToleranceCount"), p.integer(PREFIX + "FailureTolerancePercentage"),
                p.integer(PREFIX + "MaxConcurrentCount"), p.integer(PREFIX + "MaxConcurrentPercentage"),
                p.get(PREFIX + "ConcurrencyMode"));
        prefs.validate();
        return prefs;
    }

    private void validate() {
        enumValue(regionConcurrencyType, "regionConcurrencyType", "[SEQUENTIAL, PARALLEL]");
        enumValue(concurrencyMode, "concurrencyMode", "[STRICT_FAILURE_TOLERANCE, SOFT_FAILURE_TOLERANCE]");
        atLeast(failureToleranceCount, 0, "failureToleranceCount");
        range(failureTolerancePercentage, 0, "failureTolerancePercentage");
        atLeast(maxConcurrentCount, 1, "maxConcurrentCount");
        range(maxConcurrentPercentage, 1, "maxConcurrentPercentage");
        if (failureToleranceCount != null && failureTolerancePercentage != null) {
            throw AwsException.validation("You must specify either FailureToleranceCount or FailureTolerancePercentage, but not both.");
        }
        if (maxConcurrentCount != null && maxConcurrentPercentage != null) {
            throw AwsException.validation("You must specify either MaxConcurrentCount or MaxConcurrentPercentage, but not both.");
        }
    }

    private static void enumValue(String value, String field, String allowed) {
        if (value != null && !allowed.contains("[" + value + ",") && !allowed.contains(" " + value + "]")) {
            throw StackSetErrors.constraint(value, "operationPreferences." + field, "Member must satisfy enum value set: " + allowed);
        }
    }

    private static void atLeast(Integer value, int min, String field) {
        if (value != null && value < min) {
            throw StackSetErrors.constraint(value, "operationPreferences." + field,
                    "Member must have value greater than or equal to " + min);
        }
    }

    private static void range(Integer value, int min, String field) {
        atLeast(value, min, field);
        if (value != null && value > 100) {
            throw StackSetErrors.constraint(value, "operationPreferences." + field,
                    "Member must have value less than or equal to 100");
        }
    }

    boolean parallelRegions() { return "PARALLEL".equals(regionConcurrencyType); }

    boolean softTolerance() { return "SOFT_FAILURE_TOLERANCE".equals(concurrencyMode); }

    /** Failures a region of {@code accounts} accounts may have before the operation stops. */
    int tolerance(int accounts) {
        if (failureToleranceCount != null) return failureToleranceCount;
        if (failureTolerancePercentage != null) return accounts * failureTolerancePercentage / 100;
        return 0;
    }

    /** Accounts of a region deployed at once as the user asked, before strict mode lowers it. */
    int maxConcurrent(int accounts) {
        if (maxConcurrentCount != null) return maxConcurrentCount;
        if (maxConcurrentPercentage != null) return Math.max(1, accounts * maxConcurrentPercentage / 100);
        return 1;
    }

    /**
     * Accounts that may run now: in strict mode never more than would let failures exceed the
     * tolerance plus one, shrinking as failures come in; in soft mode the maximum regardless.
     */
    int concurrencyNow(int accounts, int failed) {
        int max = maxConcurrent(accounts);
        return softTolerance() ? max : Math.min(max, tolerance(accounts) + 1 - failed);
    }

    /** The operation's regions: those of RegionOrder first in that order, then the rest as given. */
    List<String> orderRegions(List<String> regions) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : regionOrder) if (regions.contains(r)) out.add(r);
        out.addAll(regions);
        return new ArrayList<>(out);
    }
}
