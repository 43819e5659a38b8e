package dev.crossdeploy.localcloud.cloudformation.drift;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest drift results of each stack and each of its resources, which DescribeStacks,
 * ListStacks, DescribeStackResource(s), ListStackResources and DescribeStackResourceDrifts report.
 */
public final class DriftLedger {
    /** A stack's last completed DetectStackDrift: DRIFTED or IN_SYNC, and when. */
    public record StackCheck(String status, Instant timestamp) {}

    private final Map<String, StackCheck> stacks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ResourceDrift>> resources = new ConcurrentHashMap<>();

    public void stackChecked(String stackId, String status, Instant at) {
        stacks.put(stackId, new StackCheck(status, at));
    }

    /** Keeps a checked resource's drift; a NOT_CHECKED result replaces nothing. */
    public void resourceChecked(ResourceDrift drift) {
        if (!drift.checked()) return;
        resources.computeIfAbsent(drift.stackId(), k -> new ConcurrentHashMap<>()).put(drift.logicalId(), drift);
    }

    public Optional<StackCheck> stack(String stackId) { return Optional.ofNullable(stacks.get(stackId)); }

    /**
     * The last drift of a stack resource, if it was checked as the physical resource it is now
     * (a resource replaced since then has not been checked).
     */
    public Optional<ResourceDrift> resource(String stackId, String logicalId, String physicalId) {
        ResourceDrift d = resources.getOrDefault(stackId, Map.of()).get(logicalId);
        return Optional.ofNullable(d).filter(x -> Objects.equals(x.physicalId(), physicalId));
    }

    public Collection<ResourceDrift> resources(String stackId) {
        return List.copyOf(resources.getOrDefault(stackId, Map.of()).values());
    }

    public void reset() {
        stacks.clear();
        resources.clear();
    }
}
