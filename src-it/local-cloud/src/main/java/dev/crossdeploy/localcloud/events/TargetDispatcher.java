package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.auth.Arns;

import java.io.IOException;
import java.util.Map;

/** Picks the {@link EventTarget} for a target ARN's service and shapes the input it gets. */
final class TargetDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, EventTarget> byService;

    TargetDispatcher(Map<String, EventTarget> byService) { this.byService = Map.copyOf(byService); }

    void deliver(Rule rule, Rule.Target target, JsonNode event) throws EventTarget.TargetFailure {
        EventTarget t = byService.get(Arns.service(target.arn()));
        if (t == null) {
            throw new EventTarget.TargetFailure("The local cloud does not deliver to targets like " + target.arn());
        }
        t.deliver(rule, target, input(target, event));
    }

    /** Input replaces the event with constant JSON; InputPath ($.a.b) selects a part of it. */
    private static JsonNode input(Rule.Target target, JsonNode event) throws EventTarget.TargetFailure {
        if (target.input() != null) {
            try {
                return JSON.readTree(target.input());
            } catch (IOException e) {
                throw new EventTarget.TargetFailure("Input is not valid JSON");
            }
        }
        if (target.inputPath() == null || target.inputPath().equals("$")) return event;
        JsonNode node = event;
        for (String part : target.inputPath().replaceFirst("^\\$\\.?", "").split("\\.")) {
            if (part.isEmpty()) continue;
            node = node == null ? null : node.get(part);
        }
        return node == null ? JSON.nullNode() : node;
    }
}
