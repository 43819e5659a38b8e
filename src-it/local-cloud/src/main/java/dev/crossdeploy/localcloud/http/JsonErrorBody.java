package dev.crossdeploy.localcloud.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The error body of AWS's JSON protocols: {@code {"__type": type, "<messageField>": text}} with the
 * service's JSON content type. Shared by {@link JsonProtocolService} and services that forward
 * their successful answers elsewhere but render their own refusals (DynamoDB).
 */
public final class JsonErrorBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrorBody() {}

    /** {@code message} may be null: AWS then sends the type alone. */
    public static CloudResponse render(int status, String contentType, String type, String messageField, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type);
        if (message != null) body.put(messageField, message);
        return CloudResponse.status(status).header("Content-Type", contentType).body(body.toString());
    }
}
