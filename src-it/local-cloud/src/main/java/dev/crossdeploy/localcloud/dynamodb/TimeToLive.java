package dev.crossdeploy.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.http.AwsException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tables' time to live, which dynalite does not keep: UpdateTimeToLive and DescribeTimeToLive
 * are answered here (enabling takes effect at once; items are never expired), and stacks set it
 * from a table's TimeToLiveSpecification. A table created or deleted starts without it.
 */
final class TimeToLive {
    static final Set<String> OPERATIONS = Set.of("UpdateTimeToLive", "DescribeTimeToLive");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Table(String account, String region, String name) {}

    /** Enabled tables and the attribute each expires items by. */
    private final Map<Table, String> enabled = new ConcurrentHashMap<>();

    Optional<String> attribute(String account, String region, String table) {
        return Optional.ofNullable(enabled.get(new Table(account, region, table)));
    }

    void set(String account, String region, String table, String attributeOrNull) {
        if (attributeOrNull == null) enabled.remove(new Table(account, region, table));
        else enabled.put(new Table(account, region, table), attributeOrNull);
    }

    void clear() { enabled.clear(); }

    /** The answer to one of {@link #OPERATIONS}, for a table that exists. */
    JsonNode answer(String account, String region, String operation, JsonNode request) {
        String table = request.path("TableName").asText();
        ObjectNode out = JSON.createObjectNode();
        Optional<String> current = attribute(account, region, table);
        if ("DescribeTimeToLive".equals(operation)) {
            ObjectNode d = out.putObject("TimeToLiveDescription");
            current.ifPresent(a -> d.put("AttributeName", a));
            d.put("TimeToLiveStatus", current.isPresent() ? "ENABLED" : "DISABLED");
            return out;
        }
        JsonNode spec = request.path("TimeToLiveSpecification");
        if (!spec.isObject()) throw validation("1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
        if (!spec.path("AttributeName").isTextual()) throw validation("1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null");
        boolean enable = spec.path("Enabled").asBoolean();
        if (enable && current.isPresent()) throw validation("TimeToLive is already enabled");
        if (!enable && current.isEmpty()) throw validation("TimeToLive is already disabled");
        String attribute = spec.path("AttributeName").asText();
        set(account, region, table, enable ? attribute : null);
        out.putObject("TimeToLiveSpecification").put("AttributeName", attribute).put("Enabled", enable);
        return out;
    }

    private static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }
}
