package dev.crossdeploy.localcloud.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.auth.Principal;

import java.io.IOException;

/**
 * A service speaking AWS's JSON 1.0/1.1 protocol: POST with {@code X-Amz-Target: <prefix>.<Operation>},
 * a JSON object body, and errors as {@code {"__type": code, "message": text}} with {@code x-amzn-ErrorType}.
 * Services differ only through the hooks below (body limit, unsigned callers, operations served).
 */
public abstract class JsonProtocolService implements AwsService {
    public static final String JSON_1_0 = "application/x-amz-json-1.0";
    public static final String JSON_1_1 = "application/x-amz-json-1.1";
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_AN_OBJECT = "Start of structure or map found where not expected.";

    private final String targetPrefix;
    private final String contentType;

    protected JsonProtocolService(String targetPrefix) { this(targetPrefix, JSON_1_1); }

    protected JsonProtocolService(String targetPrefix, String contentType) {
        this.targetPrefix = targetPrefix;
        this.contentType = contentType;
    }

    /** Answers one operation; {@code input} is the request body (an empty object when none was sent). */
    protected abstract JsonNode call(String operation, JsonNode input, Principal caller, CloudRequest request);

    /** Whether {@code operation} is answered; others get {@link #unknownOperation} before anything else is read. */
    protected boolean serves(String operation) { return true; }

    /** The refusal of an operation this service does not answer ({@code operation} null: no usable target). */
    protected AwsException unknownOperation(String operation) {
        return new AwsException(400, "UnknownOperationException", null);
    }

    /** The text unsigned callers are refused with, or null to leave them to the operations. */
    protected String missingTokenMessage() { return null; }

    /** The largest body an operation may send. */
    protected int maxBodyBytes() { return CloudRequest.MAX_QUERY_BODY; }

    /** The SerializationException text for a body that is not JSON at all. */
    protected String invalidJsonMessage() { return NOT_AN_OBJECT; }

    @Override
    public String actionOf(CloudRequest request) {
        String target = request.header("X-Amz-Target");
        String prefix = targetPrefix + ".";
        if (target == null || !target.startsWith(prefix) || target.length() == prefix.length()) return null;
        return target.substring(prefix.length());
    }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        String operation = actionOf(request);
        if (operation == null || !serves(operation)) throw unknownOperation(operation);
        String missingToken = missingTokenMessage();
        if (missingToken != null && caller.isAnonymous()) {
            throw new AwsException(400, "MissingAuthenticationTokenException", missingToken);
        }
        JsonNode output = call(operation, input(request), caller, request);
        return json(200, output == null ? JSON.createObjectNode() : output);
    }

    private JsonNode input(CloudRequest request) {
        byte[] body = request.bodyBytes(maxBodyBytes());
        if (body.length == 0) return JSON.createObjectNode();
        JsonNode input;
        try {
            input = JSON.readTree(body);
        } catch (IOException e) {
            throw serialization(invalidJsonMessage());
        }
        if (input == null || !input.isObject()) throw serialization(NOT_AN_OBJECT);
        return input;
    }

    @Override
    public CloudResponse error(AwsException error, CloudRequest request) {
        return JsonErrorBody.render(error.status(), contentType, error.code(), "message", error.getMessage())
                .header("x-amzn-ErrorType", error.code());
    }

    @Override
    public AwsException throttled() {
        return new AwsException(400, "ThrottlingException", "Rate exceeded");
    }

    protected CloudResponse json(int status, JsonNode body) {
        return CloudResponse.status(status).header("Content-Type", contentType).body(body.toString());
    }

    protected static AwsException serialization(String message) {
        return new AwsException(400, "SerializationException", message);
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
