package dev.crossdeploy.localcloud.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.auth.Principal;

import java.io.IOException;

/**
 * A service speaking AWS's JSON 1.1 protocol: POST with {@code X-Amz-Target: <prefix>.<Operation>},
 * a JSON body, and errors as {@code {"__type": code, "message": text}} with {@code x-amzn-ErrorType}.
 */
public abstract class JsonProtocolService implements AwsService {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private final String targetPrefix;

    protected JsonProtocolService(String targetPrefix) { this.targetPrefix = targetPrefix; }

    /** Answers one operation; {@code input} is the request body (an empty object when none was sent). */
    protected abstract JsonNode call(String operation, JsonNode input, Principal caller, CloudRequest request);

    @Override
    public String actionOf(CloudRequest request) {
        String target = request.header("X-Amz-Target");
        if (target == null || !target.startsWith(targetPrefix + ".")) return null;
        return target.substring(targetPrefix.length() + 1);
    }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        String operation = actionOf(request);
        if (operation == null) {
            throw new AwsException(400, "UnknownOperationException", null);
        }
        JsonNode input;
        try {
            byte[] body = request.bodyBytes();
            input = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (input == null || !input.isObject()) throw new IOException("not an object");
        } catch (IOException e) {
            throw new AwsException(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        JsonNode output = call(operation, input, caller, request);
        return json(200, output == null ? JSON.createObjectNode() : output);
    }

    @Override
    public CloudResponse error(AwsException error, CloudRequest request) {
        ObjectNode body = JSON.createObjectNode().put("__type", error.code());
        if (error.getMessage() != null) body.put("message", error.getMessage());
        return json(error.status(), body).header("x-amzn-ErrorType", error.code());
    }

    @Override
    public AwsException throttled() {
        return new AwsException(400, "ThrottlingException", "Rate exceeded");
    }

    protected static CloudResponse json(int status, JsonNode body) {
        try {
            return CloudResponse.status(status).header("Content-Type", "application/x-amz-json-1.1")
                    .body(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A required string member, or the service's "...RequiredException". */
    protected static String required(JsonNode input, String member, String code, String message) {
        JsonNode v = input.get(member);
        if (v == null || v.isNull() || v.asText().isEmpty()) throw new AwsException(400, code, message);
        return v.asText();
    }

    protected static String optional(JsonNode input, String member) {
        JsonNode v = input.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }
}
