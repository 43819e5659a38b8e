package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A live rule on an event bus, as an {@code AWS::Events::Rule} declared it.
 *
 * @param pattern     the event pattern as JSON, null for a schedule rule
 */
public record Rule(String accountId, String region, String eventBusName, String name, String arn,
                   JsonNode pattern, String scheduleExpression, String state, String description,
                   String roleArn, List<Target> targets) {

    public boolean enabled() { return !"DISABLED".equals(state); }

    /** One of a rule's targets. */
    public record Target(String id, String arn, String roleArn, String input, String inputPath) {}
}
