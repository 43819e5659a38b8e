package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** CreateLogStream, DeleteLogStream and DescribeLogStreams. */
final class StreamOperations {
    private static final int MAX_PAGE = 50;

    private final ObjectMapper json;

    StreamOperations(ObjectMapper json) { this.json = json; }

    ObjectNode create(LogsCall call) {
        String group = call.input.groupName(true);
        String stream = call.input.streamName("logStreamName", true);
        call.input.check();
        call.authorize(group, stream);
        if (!call.group(group).createStream(stream, call.now())) throw LogsErrors.streamExists();
        return json.createObjectNode();
    }

    ObjectNode delete(LogsCall call) {
        String group = call.input.groupName(true);
        String stream = call.input.streamName("logStreamName", true);
        call.input.check();
        call.authorize(group, stream);
        if (!call.group(group).deleteStream(stream)) throw LogsErrors.streamNotFound();
        return json.createObjectNode();
    }

    ObjectNode describe(LogsCall call) {
        LogsInput in = call.input;
        String prefix = in.streamName("logStreamNamePrefix", false);
        String orderBy = in.string("orderBy", false, 0, Integer.MAX_VALUE, null);
        if (orderBy != null && !orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            in.problem(LogsInput.value("orderBy", orderBy) + "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        boolean descending = in.bool("descending");
        Integer limit = in.intValue("limit", 1, MAX_PAGE);
        String token = in.string("nextToken", false, 1, Integer.MAX_VALUE, null);
        String groupName = call.groupNameOrIdentifier();
        boolean byEventTime = "LastEventTime".equals(orderBy);
        if (byEventTime && prefix != null) {
            throw LogsErrors.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        call.authorize(groupName, null);
        LogStore.LogGroup group = call.group(groupName);
        int offset = token == null ? 0 : offset(token);

        Comparator<LogStore.LogStream> order = byEventTime
                ? Comparator.comparingLong((LogStore.LogStream s) -> s.lastEventTimestamp().orElse(0L))
                        .thenComparing(LogStore.LogStream::name)
                : Comparator.comparing(LogStore.LogStream::name);
        if (descending) order = order.reversed();
        List<LogStore.LogStream> matching = new ArrayList<>(group.streams().stream()
                .filter(s -> prefix == null || s.name().startsWith(prefix))
                .toList());
        matching.sort(order);

        int max = limit == null ? MAX_PAGE : limit;
        ObjectNode out = json.createObjectNode();
        ArrayNode streams = out.putArray("logStreams");
        int end = Math.min(matching.size(), offset + max);
        for (int i = offset; i < end; i++) streams.add(describe(matching.get(i)));
        if (end < matching.size()) out.put("nextToken", PageToken.encode("streams", Integer.toString(end)));
        return out;
    }

    private static int offset(String token) {
        try {
            int offset = Integer.parseInt(PageToken.decode("streams", token));
            if (offset < 0) throw LogsErrors.invalidToken();
            return offset;
        } catch (NumberFormatException e) {
            throw LogsErrors.invalidToken();
        }
    }

    private ObjectNode describe(LogStore.LogStream s) {
        ObjectNode n = json.createObjectNode();
        n.put("logStreamName", s.name());
        n.put("creationTime", s.creationTime());
        s.firstEventTimestamp().ifPresent(t -> n.put("firstEventTimestamp", t));
        s.lastEventTimestamp().ifPresent(t -> n.put("lastEventTimestamp", t));
        s.lastIngestionTime().ifPresent(t -> n.put("lastIngestionTime", t));
        n.put("uploadSequenceToken", new EventPosition(0, 1).digits());
        n.put("arn", s.arn());
        // AWS has reported zero for streams since 2019; only groups carry stored bytes.
        n.put("storedBytes", 0);
        return n;
    }
}
