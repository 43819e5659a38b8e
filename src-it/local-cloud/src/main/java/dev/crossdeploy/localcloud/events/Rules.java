package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of each account's event buses, read from what the {@code AWS::Events::Rule}
 * handler recorded, so a rule is live as soon as its stack created it and gone with it.
 */
final class Rules {
    private static final String RESOURCE_TYPE = "AWS::Events::Rule";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;

    Rules(CloudState state) { this.state = state; }

    List<Rule> onBus(String accountId, String region, String bus) {
        List<Rule> out = new ArrayList<>();
        for (ResourceRecords.Entry e : ResourceRecords.of(state).list(accountId, region, RESOURCE_TYPE)) {
            Rule rule = rule(e);
            if (rule.eventBusName().equals(bus)) out.add(rule);
        }
        return out;
    }

    Optional<Rule> find(String accountId, String region, String bus, String name) {
        return onBus(accountId, region, bus).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static Rule rule(ResourceRecords.Entry e) {
        Map<String, Object> p = e.properties();
        String id = e.physicalId();
        String name = id.substring(id.indexOf('|') + 1);
        String bus = text(p.get("EventBusName"));
        if (bus == null) bus = "default";
        if (bus.startsWith("arn:")) bus = bus.substring(bus.lastIndexOf('/') + 1);
        List<Rule.Target> targets = new ArrayList<>();
        if (p.get("Targets") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> t)) continue;
                targets.add(new Rule.Target(text(t.get("Id")), text(t.get("Arn")), text(t.get("RoleArn")),
                        text(t.get("Input")), text(t.get("InputPath"))));
            }
        }
        return new Rule(e.accountId(), e.region(), bus, name, String.valueOf(e.attributes().get("Arn")),
                json(p.get("EventPattern")), text(p.get("ScheduleExpression")), text(p.get("State")),
                text(p.get("Description")), text(p.get("RoleArn")), List.copyOf(targets));
    }

    /** The pattern as the template gave it: an object, or JSON text. */
    private static JsonNode json(Object v) {
        if (v == null) return null;
        if (v instanceof String s) {
            try {
                return JSON.readTree(s);
            } catch (IOException ex) {
                return null;
            }
        }
        return JSON.valueToTree(v);
    }

    private static String text(Object v) { return v == null ? null : v.toString(); }
}
