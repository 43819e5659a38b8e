package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.JsonProtocolService;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The CloudWatch Logs API (signing name "logs") in its JSON 1.1 wire form: the operation comes
 * from {@code X-Amz-Target: Logs_20140328.<Operation>}, input and output are JSON objects, and
 * errors are {@code {"__type": code, "message": text}}.
 */
final class LogsService extends JsonProtocolService {
    /** Large enough for a full PutLogEvents batch (1 MiB of messages) with its JSON framing. */
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final CloudState state;
    private final LogStore store;
    private final Map<String, Function<LogsCall, ObjectNode>> operations;

    LogsService(CloudState state, LogStore store) {
        super("Logs_20140328");
        this.state = state;
        this.store = store;
        GroupOperations groups = new GroupOperations(JSON);
        StreamOperations streams = new StreamOperations(JSON);
        this.operations = Map.ofEntries(
                Map.entry("CreateLogGroup", groups::create),
                Map.entry("DeleteLogGroup", groups::delete),
                Map.entry("DescribeLogGroups", groups::describe),
                Map.entry("PutRetentionPolicy", groups::putRetention),
                Map.entry("DeleteRetentionPolicy", groups::deleteRetention),
                Map.entry("CreateLogStream", streams::create),
                Map.entry("DeleteLogStream", streams::delete),
                Map.entry("DescribeLogStreams", streams::describe),
                Map.entry("PutLogEvents", new PutLogEvents(JSON)::put),
                Map.entry("GetLogEvents", new GetLogEvents(JSON)::get),
                Map.entry("FilterLogEvents", new FilterLogEvents(JSON)::filter));
    }

    @Override public String signingName() { return "logs"; }

    @Override protected boolean serves(String operation) { return operations.containsKey(operation); }

    @Override
    protected AwsException unknownOperation(String operation) {
        // AWS answers without a message; naming what this cloud serves tells the user what is missing.
        return new AwsException(400, "UnknownOperationException", "The local cloud's CloudWatch Logs does not serve "
                + (operation == null ? "this request" : operation) + "; it serves "
                + String.join(", ", new TreeSet<>(operations.keySet())) + ".");
    }

    @Override protected String missingTokenMessage() { return "Missing Authentication Token"; }

    @Override protected int maxBodyBytes() { return MAX_BODY; }

    @Override protected String invalidJsonMessage() { return "The request body is not valid JSON."; }

    @Override
    protected JsonNode call(String operation, JsonNode input, Principal caller, CloudRequest request) {
        return operations.get(operation).apply(
                new LogsCall(state, store, caller, request.region(), operation, new LogsInput(input)));
    }
}
