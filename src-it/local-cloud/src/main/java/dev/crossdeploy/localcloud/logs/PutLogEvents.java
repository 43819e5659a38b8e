package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PutLogEvents with CloudWatch Logs' batch rules: at most 10,000 events and 1,048,576 bytes
 * (messages plus 26 bytes each), in chronological order, spanning at most 24 hours. Events more
 * than two hours ahead, more than 14 days old or older than the group's retention are not stored
 * and reported in {@code rejectedLogEventsInfo}. Sequence tokens are ignored, as they now are.
 */
final class PutLogEvents {
    static final int MAX_EVENTS = 10_000;
    static final int MAX_BATCH_BYTES = 1_048_576;
    private static final long MAX_SPAN = Duration.ofHours(24).toMillis();
    private static final long MAX_AHEAD = Duration.ofHours(2).toMillis();
    private static final long MAX_AGE = Duration.ofDays(14).toMillis();

    private final ObjectMapper json;

    PutLogEvents(ObjectMapper json) { this.json = json; }

    ObjectNode put(LogsCall call) {
        LogsInput in = call.input;
        String groupName = in.groupName(true);
        String streamName = in.streamName("logStreamName", true);
        List<LogEvent> events = events(in, call.now());
        in.check();
        call.authorize(groupName, streamName);
        LogStore.LogGroup group = call.group(groupName);
        LogStore.LogStream stream = call.stream(group, streamName);
        checkBatch(events);

        long now = call.now();
        int tooNewStart = -1;
        int tooOldEnd = -1;
        int expiredEnd = -1;
        Integer retention = group.retentionInDays();
        List<LogEvent> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            long t = events.get(i).timestamp();
            if (t > now + MAX_AHEAD) {
                if (tooNewStart < 0) tooNewStart = i;
            } else if (retention != null && t < now - Duration.ofDays(retention).toMillis()) {
                expiredEnd = i;
            } else if (t < now - MAX_AGE) {
                tooOldEnd = i;
            } else {
                accepted.add(events.get(i));
            }
        }
        call.store().store(stream, accepted);

        ObjectNode out = json.createObjectNode();
        out.put("nextSequenceToken", new EventPosition(now, events.size()).digits());
        if (tooNewStart >= 0 || tooOldEnd >= 0 || expiredEnd >= 0) {
            ObjectNode rejected = out.putObject("rejectedLogEventsInfo");
            if (tooNewStart >= 0) rejected.put("tooNewLogEventStartIndex", tooNewStart);
            if (tooOldEnd >= 0) rejected.put("tooOldLogEventEndIndex", tooOldEnd);
            if (expiredEnd >= 0) rejected.put("expiredLogEventEndIndex", expiredEnd);
        }
        return out;
    }

    /** The events as sent, each stamped with the time the cloud took it in. */
    private static List<LogEvent> events(LogsInput in, long ingestionTime) {
        JsonNode list = in.node("logEvents");
        if (list == null || list.isNull()) {
            in.problem("Value null at 'logEvents' failed to satisfy constraint: Member must not be null");
            return List.of();
        }
        if (!list.isArray()) throw LogsErrors.serialization("Unexpected value for logEvents: expected a list");
        if (list.isEmpty()) {
            in.problem("Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1");
        } else if (list.size() > MAX_EVENTS) {
            in.problem("Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to " + MAX_EVENTS);
        }
        List<LogEvent> events = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String path = "logEvents." + (i + 1) + ".member.";
            JsonNode ts = e.get("timestamp");
            JsonNode message = e.get("message");
            if (ts == null || ts.isNull()) {
                in.problem("Value null at '" + path + "timestamp' failed to satisfy constraint: Member must not be null");
            } else if (!ts.isIntegralNumber()) {
                throw LogsErrors.serialization("Unexpected value for timestamp: expected a number");
            } else if (ts.asLong() < 0) {
                in.problem("Value '" + ts.asLong() + "' at '" + path + "timestamp' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 0");
            }
            if (message == null || message.isNull()) {
                in.problem("Value null at '" + path + "message' failed to satisfy constraint: Member must not be null");
            } else if (!message.isTextual()) {
                throw LogsErrors.serialization("Unexpected value for message: expected a string");
            } else if (message.asText().isEmpty()) {
                in.problem("Value '' at '" + path + "message' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
            }
            events.add(new LogEvent(ts == null ? 0 : ts.asLong(), ingestionTime, message == null ? "" : message.asText()));
        }
        return events;
    }

    private static void checkBatch(List<LogEvent> events) {
        long bytes = 0;
        for (LogEvent e : events) bytes += LogsInput.utf8Length(e.message()) + LogStore.EVENT_OVERHEAD_BYTES;
        if (bytes > MAX_BATCH_BYTES) {
            throw LogsErrors.invalid("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                throw LogsErrors.invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (!events.isEmpty() && events.get(events.size() - 1).timestamp() - events.get(0).timestamp() > MAX_SPAN) {
            throw LogsErrors.invalid("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
    }
}
