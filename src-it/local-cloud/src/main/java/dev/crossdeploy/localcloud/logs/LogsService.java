package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The CloudWatch Logs API (signing name "logs") in its JSON 1.1 wire form: the operation comes
 * from {@code X-Amz-Target: Logs_20140328.<Operation>}, input and output are JSON objects, and
 * errors are {@code {"__type": code, "message": text}}.
 */
final class LogsService implements AwsService {
    static final String TARGET_PREFIX = "Logs_20140328.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** Large enough for a full PutLogEvents batch (1 MiB of messages) with its JSON framing. */
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final CloudState state;
    private final LogStore store;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Function<LogsCall, ObjectNode>> operations;

    LogsService(CloudState state, LogStore store) {
        this.state = state;
        this.store = store;
        GroupOperations groups = new GroupOperations(json);
        StreamOperations streams = new StreamOperations(json);
        this.operations = Map.ofEntries(
                Map.entry("CreateLogGroup", groups::create),
                Map.entry("DeleteLogGroup", groups::delete),
                Map.entry("DescribeLogGroups", groups::describe),
                Map.entry("PutRetentionPolicy", groups::putRetention),
                Map.entry("DeleteRetentionPolicy", groups::deleteRetention),
                Map.entry("CreateLogStream", streams::create),
                Map.entry("DeleteLogStream", streams::delete),
                Map.entry("DescribeLogStreams", streams::describe),
                Map.entry("PutLogEvents", new PutLogEvents(json)::put),
                Map.entry("GetLogEvents", new GetLogEvents(json)::get),
                Map.entry("FilterLogEvents", new FilterLogEvents(json)::filter));
    }

    @Override public String signingName() { return "logs"; }

    @Override
    public String actionOf(CloudRequest request) {
        String target = request.header("X-Amz-Target");
        return target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
    }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        String operation = actionOf(request);
        Function<LogsCall, ObjectNode> op = operation == null ? null : operations.get(operation);
        if (op == null) {
            // AWS answers without a message; naming what this cloud serves tells the user what is missing.
            throw new AwsException(400, "UnknownOperationException", "The local cloud's CloudWatch Logs does not serve "
                    + (operation == null ? "this request" : operation) + "; it serves "
                    + String.join(", ", new java.util.TreeSet<>(operations.keySet())) + ".");
        }
        if (caller.isAnonymous()) {
            throw new AwsException(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        LogsInput input = new LogsInput(body(request));
        ObjectNode out = op.apply(new LogsCall(state, store, caller, request.region(), operation, input));
        return CloudResponse.status(200).header("Content-Type", CONTENT_TYPE).body(out.toString());
    }

    private JsonNode body(CloudRequest request) {
        byte[] bytes = request.bodyBytes(MAX_BODY);
        if (bytes.length == 0) return json.createObjectNode();
        try {
            JsonNode node = json.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) throw LogsErrors.serialization("Start of structure or map found where not expected.");
            return node;
        } catch (JsonProcessingException e) {
            throw LogsErrors.serialization("The request body is not valid JSON.");
        }
    }

    @Override
    public CloudResponse error(AwsException error, CloudRequest request) {
        ObjectNode body = json.createObjectNode().put("__type", error.code());
        if (error.getMessage() != null) body.put("message", error.getMessage());
        return CloudResponse.status(error.status()).header("Content-Type", CONTENT_TYPE)
                .header("x-amzn-ErrorType", error.code()).body(body.toString());
    }

    @Override
    public AwsException throttled() {
        return new AwsException(400, "ThrottlingException", "Rate exceeded");
    }
}
