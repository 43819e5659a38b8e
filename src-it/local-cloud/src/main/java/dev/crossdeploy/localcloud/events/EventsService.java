package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.JsonProtocolService;
import dev.crossdeploy.localcloud.iam.DenialMessage;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The EventBridge API (JSON 1.1, {@code AWSEvents.<Operation>}, signing name {@code events}):
 * PutEvents, ListRules, DescribeRule and ListTargetsByRule, each authorised by IAM.
 */
final class EventsService extends JsonProtocolService {
    private final CloudState state;
    private final Rules rules;
    private final EventsModule bus;

    EventsService(CloudState state, Rules rules, EventsModule bus) {
        super("AWSEvents");
        this.state = state;
        this.rules = rules;
        this.bus = bus;
    }

    @Override
    public String signingName() { return "events"; }

    @Override
    protected JsonNode call(String operation, JsonNode input, Principal caller, CloudRequest request) {
        String account = caller.accountId();
        String region = request.region();
        return switch (operation) {
            case "PutEvents" -> putEvents(input, caller, region);
            case "ListRules" -> {
                String busName = busName(input, "EventBusName");
                authorize(caller, "events:ListRules", "arn:aws:events:" + region + ":" + account + ":rule/*");
                String prefix = optional(input, "NamePrefix");
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("Rules");
                for (Rule r : rules.onBus(account, region, busName)) {
                    if (prefix == null || r.name().startsWith(prefix)) list.add(describe(r, false));
                }
                yield out;
            }
            case "DescribeRule" -> describe(rule(input, "Name", caller, region, "events:DescribeRule"), true);
            case "ListTargetsByRule" -> {
                Rule r = rule(input, "Rule", caller, region, "events:ListTargetsByRule");
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("Targets");
                for (Rule.Target t : r.targets()) {
                    ObjectNode o = list.addObject().put("Id", t.id()).put("Arn", t.arn());
                    if (t.roleArn() != null) o.put("RoleArn", t.roleArn());
                    if (t.input() != null) o.put("Input", t.input());
                    if (t.inputPath() != null) o.put("InputPath", t.inputPath());
                }
                yield out;
            }
            default -> throw new AwsException(400, "UnknownOperationException", null);
        };
    }

    private JsonNode putEvents(JsonNode input, Principal caller, String region) {
        JsonNode entries = input.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw new AwsException(400, "ValidationException", "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : entries) {
            String busName = busName(entry, "EventBusName");
            authorize(caller, "events:PutEvents", "arn:aws:events:" + region + ":" + caller.accountId() + ":event-bus/" + busName);
            String error = null;
            String code = "InvalidArgument";
            String source = optional(entry, "Source");
            String detailType = optional(entry, "DetailType");
            String detailText = optional(entry, "Detail");
            JsonNode detail = null;
            if (source == null) error = "Parameter Source is not valid. Reason: Source is a required argument.";
            else if (detailType == null) error = "Parameter DetailType is not valid. Reason: DetailType is a required argument.";
            else if (detailText == null) error = "Parameter Detail is not valid. Reason: Detail is a required argument.";
            else {
                try {
                    detail = JSON.readTree(detailText);
                } catch (IOException e) {
                    detail = null;
                }
                if (detail == null || !detail.isObject()) error = "Detail is malformed.";
                else if (source.startsWith("aws.")) {
                    code = "NotAuthorizedForSourceException";
                    error = "Not authorized for the source.";
                }
            }
            if (error != null) {
                failed++;
                results.addObject().put("ErrorCode", code).put("ErrorMessage", error);
                continue;
            }
            String id = UUID.randomUUID().toString();
            ObjectNode event = JSON.createObjectNode();
            event.put("version", "0").put("id", id).put("detail-type", detailType).put("source", source)
                    .put("account", caller.accountId()).put("time", time(entry.get("Time"))).put("region", region);
            ArrayNode resources = event.putArray("resources");
            if (entry.get("Resources") != null) entry.get("Resources").forEach(resources::add);
            event.set("detail", detail);
            bus.publish(caller.accountId(), region, busName, event);
            results.addObject().put("EventId", id);
        }
        out.put("FailedEntryCount", failed);
        return out;
    }

    private String time(JsonNode given) {
        Instant t = given != null && given.isNumber()
                ? Instant.ofEpochMilli((long) (given.asDouble() * 1000)) : state.clock().instant();
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private Rule rule(JsonNode input, String member, Principal caller, String region, String action) {
        String name = required(input, member, "ValidationException", "1 validation error detected: Value null at '"
                + Character.toLowerCase(member.charAt(0)) + member.substring(1) + "' failed to satisfy constraint: Member must not be null");
        String busName = busName(input, "EventBusName");
        String arn = "arn:aws:events:" + region + ":" + caller.accountId() + ":rule/"
                + ("default".equals(busName) ? "" : busName + "/") + name;
        authorize(caller, action, arn);
        return rules.find(caller.accountId(), region, busName, name).orElseThrow(() -> new AwsException(400,
                "ResourceNotFoundException", "Rule " + name + " does not exist on EventBus " + busName + "."));
    }

    private static String busName(JsonNode input, String member) {
        String bus = optional(input, member);
        if (bus == null) return "default";
        return bus.startsWith("arn:") ? bus.substring(bus.lastIndexOf('/') + 1) : bus;
    }

    private static ObjectNode describe(Rule r, boolean full) {
        ObjectNode o = JSON.createObjectNode().put("Name", r.name()).put("Arn", r.arn());
        if (r.pattern() != null) o.put("EventPattern", r.pattern().toString());
        if (r.scheduleExpression() != null) o.put("ScheduleExpression", r.scheduleExpression());
        o.put("State", r.state() == null ? "ENABLED" : r.state());
        if (r.description() != null) o.put("Description", r.description());
        if (r.roleArn() != null) o.put("RoleArn", r.roleArn());
        o.put("EventBusName", r.eventBusName());
        if (full) o.put("CreatedBy", r.accountId());
        return o;
    }

    private void authorize(Principal caller, String action, String resource) {
        var d = state.iam().evaluator().evaluate(caller, action, resource, caller.accountId(), null, Map.of());
        if (!d.allowed()) {
            throw new AwsException(400, "AccessDeniedException", DenialMessage.of(caller, action, resource, d));
        }
    }

}
