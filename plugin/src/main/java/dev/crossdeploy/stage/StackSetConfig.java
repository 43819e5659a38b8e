package dev.crossdeploy.stage;

import dev.crossdeploy.CrossdeployException;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a stage group rolls out through a CloudFormation stack set: the {@code stackSet:} block of
 * a group in the stages file. Absent numbers take CloudFormation's defaults (one account at a
 * time, no failure tolerated, STRICT_FAILURE_TOLERANCE, regions one after the other).
 *
 * @param name              the stack set's name, or null for {@code <artifactId>-<group>}
 * @param maxConcurrent     accounts deployed at once per region (MaxConcurrentCount), or null
 * @param failureTolerance  accounts per region that may fail before the operation stops (FailureToleranceCount), or null
 * @param regionOrder       regions in the order to deploy them; empty: CloudFormation's order
 * @param regionConcurrency SEQUENTIAL or PARALLEL, or null
 * @param concurrencyMode   STRICT_FAILURE_TOLERANCE or SOFT_FAILURE_TOLERANCE, or null
 * @param allowProtected    whether the group's protected stages may be deployed through the stack set
 * @param executionRoleName the role StackSets assumes in each target account, or null for the AWS default
 */
public record StackSetConfig(String name, Integer maxConcurrent, Integer failureTolerance, List<String> regionOrder,
                             String regionConcurrency, String concurrencyMode, boolean allowProtected,
                             String executionRoleName) {
    /** The execution role name StackSets uses when none is given, as the bootstrap stack creates it. */
    public static final String DEFAULT_EXECUTION_ROLE = "AWSCloudFormationStackSetExecutionRole";
    /** The administration role StackSets assumes in the pipeline account, as the bootstrap stack creates it. */
    public static final String ADMINISTRATION_ROLE = "AWSCloudFormationStackSetAdministrationRole";

    private static final Pattern STACK_SET_NAME = Pattern.compile("[A-Za-z][-A-Za-z0-9]{0,127}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Set<String> REGION_CONCURRENCY = Set.of("SEQUENTIAL", "PARALLEL");
    private static final Set<String> CONCURRENCY_MODES = Set.of("STRICT_FAILURE_TOLERANCE", "SOFT_FAILURE_TOLERANCE");

    public StackSetConfig {
        regionOrder = regionOrder == null ? List.of() : regionOrder.stream().map(r -> r == null ? "" : r.trim()).toList();
        name = blankToNull(name);
        regionConcurrency = upper(regionConcurrency);
        concurrencyMode = upper(concurrencyMode);
        executionRoleName = blankToNull(executionRoleName);
    }

    /** A stack set with CloudFormation's default preferences. */
    public static StackSetConfig defaults() {
        return new StackSetConfig(null, null, null, List.of(), null, null, false, null);
    }

    /** The execution role name in the target accounts. */
    public String executionRole() {
        return executionRoleName == null ? DEFAULT_EXECUTION_ROLE : executionRoleName;
    }

    /**
     * Checks the block of {@code group}; each problem is one line naming the field and the fix.
     *
     * @param stageRegions the regions of the group's stages, which {@code regionOrder} must cover exactly
     */
    public void validate(String group, Set<String> stageRegions) {
        String where = "Group '" + group + "' stackSet: ";
        if (name != null && !STACK_SET_NAME.matcher(name).matches()) {
            fail(where + "name '" + name + "' is not a stack set name; start with a letter and use only letters,"
                    + " digits and hyphens (at most 128).");
        }
        if (maxConcurrent != null && (maxConcurrent < 1 || maxConcurrent > 1000)) {
            fail(where + "maxConcurrent " + maxConcurrent + " is out of bounds; use 1 to 1000 accounts at once.");
        }
        if (failureTolerance != null && (failureTolerance < 0 || failureTolerance > 1000)) {
            fail(where + "failureTolerance " + failureTolerance + " is out of bounds; use 0 to 1000 failed accounts per region.");
        }
        if (regionConcurrency != null && !REGION_CONCURRENCY.contains(regionConcurrency)) {
            fail(where + "regionConcurrency '" + regionConcurrency + "' is unknown; use SEQUENTIAL or PARALLEL.");
        }
        if (concurrencyMode != null && !CONCURRENCY_MODES.contains(concurrencyMode)) {
            fail(where + "concurrencyMode '" + concurrencyMode + "' is unknown; use STRICT_FAILURE_TOLERANCE or"
                    + " SOFT_FAILURE_TOLERANCE.");
        }
        if (executionRoleName != null && !ROLE_NAME.matcher(executionRoleName).matches()) {
            fail(where + "executionRoleName '" + executionRoleName + "' is not an IAM role name (up to 64 letters, digits"
                    + " and +=,.@_-); leave it out for " + DEFAULT_EXECUTION_ROLE + ".");
        }
        if (!regionOrder.isEmpty()) {
            if (regionOrder.size() != Set.copyOf(regionOrder).size()) {
                fail(where + "regionOrder " + regionOrder + " names a region twice; name each region once.");
            }
            if (!Set.copyOf(regionOrder).equals(stageRegions)) {
                fail(where + "regionOrder " + regionOrder + " must name exactly the regions of the group's stages "
                        + new java.util.TreeSet<>(stageRegions) + "; add the missing ones or remove the others.");
            }
        }
    }

    private static void fail(String message) { throw new CrossdeployException(message); }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }

    private static String upper(String s) {
        String v = blankToNull(s);
        return v == null ? null : v.toUpperCase(java.util.Locale.ROOT);
    }
}
