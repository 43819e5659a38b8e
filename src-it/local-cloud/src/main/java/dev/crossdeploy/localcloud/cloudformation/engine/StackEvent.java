package dev.crossdeploy.localcloud.cloudformation.engine;

import java.time.Instant;

/** One line of a stack's event history, as DescribeStackEvents returns it. */
public record StackEvent(String eventId, String stackId, String stackName, String logicalId, String physicalId,
                         String resourceType, Instant timestamp, String status, String reason,
                         String clientRequestToken) {}
