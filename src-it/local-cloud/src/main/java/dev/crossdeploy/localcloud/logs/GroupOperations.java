package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.regex.Pattern;

/** CreateLogGroup, DeleteLogGroup, DescribeLogGroups and the retention policy calls. */
final class GroupOperations {
    /** The retention periods CloudWatch Logs accepts, in days. */
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Pattern GROUP_PATTERN = Pattern.compile("[\\.\\-_/#A-Za-z0-9]*");
    private static final int MAX_PAGE = 50;

    private final ObjectMapper json;

    GroupOperations(ObjectMapper json) { this.json = json; }

    ObjectNode create(LogsCall call) {
        String name = call.input.groupName(true);
        call.input.string("kmsKeyId", false, 0, 256, null);
        call.input.string("logGroupClass", false, 0, 64,
                Pattern.compile("STANDARD|INFREQUENT_ACCESS|DELIVERY"));
        call.input.check();
        call.authorize(name, null);
        if (!call.store().createGroup(call.account(), call.region(), name, call.now())) throw LogsErrors.groupExists();
        return json.createObjectNode();
    }

    ObjectNode delete(LogsCall call) {
        String name = call.input.groupName(true);
        call.input.check();
        call.authorize(name, null);
        if (!call.store().deleteGroup(call.account(), call.region(), name)) throw LogsErrors.groupNotFound();
        return json.createObjectNode();
    }

    ObjectNode putRetention(LogsCall call) {
        String name = call.input.groupName(true);
        Integer days = retentionDays(call.input);
        call.input.check();
        call.authorize(name, null);
        call.group(name).retentionInDays(days);
        return json.createObjectNode();
    }

    ObjectNode deleteRetention(LogsCall call) {
        String name = call.input.groupName(true);
        call.input.check();
        call.authorize(name, null);
        call.group(name).retentionInDays(null);
        return json.createObjectNode();
    }

    private static Integer retentionDays(LogsInput input) {
        Long days = input.longValue("retentionInDays", Long.MIN_VALUE);
        if (days == null) {
            input.problem("Value null at 'retentionInDays' failed to satisfy constraint: Member must not be null");
            return null;
        }
        if (!RETENTION_DAYS.contains(days.intValue()) || days != days.intValue()) {
            input.problem("Value '" + days + "' at 'retentionInDays' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: " + RETENTION_DAYS);
        }
        return days.intValue();
    }

    ObjectNode describe(LogsCall call) {
        LogsInput in = call.input;
        String prefix = in.string("logGroupNamePrefix", false, 1, 512, LogsInput.GROUP_NAME);
        String pattern = in.string("logGroupNamePattern", false, 0, 512, GROUP_PATTERN);
        Integer limit = in.intValue("limit", 1, MAX_PAGE);
        String token = in.string("nextToken", false, 1, Integer.MAX_VALUE, null);
        in.check();
        if (prefix != null && pattern != null) {
            throw LogsErrors.invalid("LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
        }
        call.authorize(null, null);
        String after = token == null ? null : PageToken.decode("groups", token);
        int max = limit == null ? MAX_PAGE : limit;

        List<LogStore.LogGroup> matching = call.store().groups(call.account(), call.region()).stream()
                .filter(g -> prefix == null || g.name().startsWith(prefix))
                .filter(g -> pattern == null || g.name().contains(pattern))
                .filter(g -> after == null || g.name().compareTo(after) > 0)
                .toList();
        ObjectNode out = json.createObjectNode();
        ArrayNode groups = out.putArray("logGroups");
        matching.stream().limit(max).forEach(g -> groups.add(describe(g)));
        if (matching.size() > max) {
            out.put("nextToken", PageToken.encode("groups", matching.get(max - 1).name()));
        }
        return out;
    }

    private ObjectNode describe(LogStore.LogGroup g) {
        ObjectNode n = json.createObjectNode();
        n.put("logGroupName", g.name());
        n.put("creationTime", g.creationTime());
        if (g.retentionInDays() != null) n.put("retentionInDays", g.retentionInDays());
        n.put("metricFilterCount", 0);
        n.put("arn", g.arn());
        n.put("storedBytes", g.storedBytes());
        n.put("logGroupClass", "STANDARD");
        n.put("logGroupArn", g.arn().substring(0, g.arn().length() - 2));
        return n;
    }
}
