package dev.crossdeploy.localcloud.cloudformation.engine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The resources one stage of a stack operation deletes, by logical id, and which of them are
 * retained instead (left alive, reported DELETE_SKIPPED).
 */
final class Deletions {
    private final Map<String, StackResource> resources = new LinkedHashMap<>();
    private final Set<String> retained = new HashSet<>();

    void add(String logicalId, StackResource resource, boolean retain) {
        resources.put(logicalId, resource);
        if (retain) retained.add(logicalId);
        else retained.remove(logicalId);
    }

    Map<String, StackResource> resources() { return resources; }

    boolean retained(String logicalId) { return retained.contains(logicalId); }
}
