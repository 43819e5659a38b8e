package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * FilterLogEvents: a group's events across its streams (all, those named, or those with a name
 * prefix) in [startTime, endTime] that match the filter pattern, interleaved by timestamp then
 * ingestion order. A page holds at most {@code limit} (10,000) events and 1 MB; {@code nextToken}
 * is present only while more events match. {@code searchedLogStreams} is always empty, as AWS has
 * answered since 2020.
 */
final class FilterLogEvents {
    private static final int MAX_EVENTS = 10_000;
    private static final int MAX_BYTES = 1_048_576;

    private final ObjectMapper json;

    FilterLogEvents(ObjectMapper json) { this.json = json; }

    ObjectNode filter(LogsCall call) {
        LogsInput in = call.input;
        Set<String> names = streamNames(in);
        String prefix = in.streamName("logStreamNamePrefix", false);
        Long startTime = in.longValue("startTime", 0);
        Long endTime = in.longValue("endTime", 0);
        String patternText = in.string("filterPattern", false, 0, 1024, null);
        Integer limit = in.intValue("limit", 1, MAX_EVENTS);
        String token = in.string("nextToken", false, 1, Integer.MAX_VALUE, null);
        String groupName = call.groupNameOrIdentifier();
        if (names != null && prefix != null) {
            throw LogsErrors.invalid("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        FilterPattern pattern = FilterPattern.parse(patternText);
        call.authorize(groupName, null);
        LogStore.LogGroup group = call.group(groupName);
        EventPosition after = token == null ? null
                : EventPosition.parse(PageToken.decode("filter", token)).orElseThrow(LogsErrors::invalidToken);

        List<LogStore.StoredEvent> matching = new ArrayList<>();
        for (LogStore.LogStream stream : group.streams()) {
            if (names != null && !names.contains(stream.name())) continue;
            if (prefix != null && !stream.name().startsWith(prefix)) continue;
            for (LogStore.StoredEvent e : stream.events()) {
                if (startTime != null && e.timestamp() < startTime) continue;
                if (endTime != null && e.timestamp() > endTime) continue;
                if (after != null && e.position().compareTo(after) <= 0) continue;
                if (pattern.matches(e.message())) matching.add(e);
            }
        }
        matching.sort(LogStore.StoredEvent.ORDER);

        int max = limit == null ? MAX_EVENTS : limit;
        ObjectNode out = json.createObjectNode();
        ArrayNode events = out.putArray("events");
        long bytes = 0;
        int taken = 0;
        while (taken < matching.size() && taken < max) {
            LogStore.StoredEvent e = matching.get(taken);
            bytes += e.bytes();
            if (bytes > MAX_BYTES && taken > 0) break;
            events.addObject()
                    .put("logStreamName", e.stream())
                    .put("timestamp", e.timestamp())
                    .put("message", e.message())
                    .put("ingestionTime", e.ingestionTime())
                    .put("eventId", e.position().digits());
            taken++;
        }
        out.putArray("searchedLogStreams");
        if (taken < matching.size()) {
            out.put("nextToken", PageToken.encode("filter", matching.get(taken - 1).position().digits()));
        }
        return out;
    }

    /** The logStreamNames member (1 to 100 valid names), or null when absent. */
    private static Set<String> streamNames(LogsInput in) {
        JsonNode list = in.node("logStreamNames");
        if (list == null || list.isNull()) return null;
        if (!list.isArray()) throw LogsErrors.serialization("Unexpected value for logStreamNames: expected a list");
        if (list.isEmpty() || list.size() > 100) {
            in.problem("Value '" + list + "' at 'logStreamNames' failed to satisfy constraint: Member must have length "
                    + (list.isEmpty() ? "greater than or equal to 1" : "less than or equal to 100"));
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).asText();
            in.check("logStreamNames." + (i + 1) + ".member", name, 1, 512, LogsInput.STREAM_NAME);
            names.add(name);
        }
        return names;
    }
}
