package dev.crossdeploy.localcloud.cloudformation.drift;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The drift of one stack resource at one time: IN_SYNC, MODIFIED, DELETED or NOT_CHECKED, with
 * the properties compared ({@code actual} is null when the resource is gone or was not checked).
 */
public record ResourceDrift(String stackId, String logicalId, String physicalId, String type, String status,
                            Map<String, Object> expected, Map<String, Object> actual,
                            List<PropertyDifference> differences, Instant timestamp) {
    public boolean drifted() { return "MODIFIED".equals(status) || "DELETED".equals(status); }
    public boolean checked() { return !"NOT_CHECKED".equals(status); }
}
