package dev.crossdeploy.localcloud.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.http.CloudResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A function's proxy response ({@code statusCode}, {@code headers}, {@code multiValueHeaders},
 * {@code body}, {@code isBase64Encoded}) turned into the HTTP response; anything else is what
 * API Gateway calls a malformed Lambda proxy response.
 */
final class ProxyResponse {
    private static final Set<String> FIELDS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

    private ProxyResponse() {}

    /**
     * The HTTP response, or empty when the payload is malformed. A base64 body is sent as bytes
     * only when the request's Accept header names one of the API's binary media types, as API
     * Gateway does; otherwise the base64 text goes out as it is.
     */
    static Optional<CloudResponse> map(ObjectMapper json, byte[] payload, boolean clientAcceptsBinary) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) return Optional.empty();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) return Optional.empty();
        }
        Optional<Integer> status = statusCode(root.get("statusCode"));
        if (status.isEmpty()) return Optional.empty();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!collectSingle(root.get("headers"), headers) || !collectMulti(root.get("multiValueHeaders"), headers)) {
            return Optional.empty();
        }
        JsonNode body = root.get("body");
        if (body != null && !body.isNull() && !body.isTextual()) return Optional.empty();
        JsonNode base64 = root.get("isBase64Encoded");
        if (base64 != null && !base64.isNull() && !base64.isBoolean()) return Optional.empty();
        byte[] bytes = body == null || body.isNull() ? new byte[0] : body.asText().getBytes(StandardCharsets.UTF_8);
        if (base64 != null && base64.asBoolean() && clientAcceptsBinary) {
            try {
                bytes = Base64.getDecoder().decode(body == null || body.isNull() ? "" : body.asText());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        CloudResponse response = CloudResponse.status(status.get());
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            response.header("Content-Type", "application/json");
        }
        headers.forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        return Optional.of(response.body(bytes));
    }

    private static Optional<Integer> statusCode(JsonNode node) {
        if (node == null) return Optional.empty();
        int code;
        if (node.isInt()) {
            code = node.asInt();
        } else if (node.isTextual() && node.asText().matches("\\d{3}")) {
            code = Integer.parseInt(node.asText());
        } else {
            return Optional.empty();
        }
        return code >= 100 && code <= 599 ? Optional.of(code) : Optional.empty();
    }

    private static boolean collectSingle(JsonNode node, Map<String, List<String>> out) {
        if (node == null || node.isNull()) return true;
        if (!node.isObject()) return false;
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().isValueNode()) return false;
            if (field.getValue().isNull()) continue;
            out.put(field.getKey(), List.of(field.getValue().asText()));
        }
        return true;
    }

    /** A header in both maps gets the values of both, a value given in both once, as API Gateway merges them. */
    private static boolean collectMulti(JsonNode node, Map<String, List<String>> out) {
        if (node == null || node.isNull()) return true;
        if (!node.isObject()) return false;
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().isArray()) return false;
            List<String> values = new java.util.ArrayList<>();
            for (JsonNode v : field.getValue()) {
                if (!v.isValueNode()) return false;
                if (!v.isNull()) values.add(v.asText());
            }
            List<String> merged = new java.util.ArrayList<>(out.getOrDefault(field.getKey(), List.of()));
            values.stream().filter(v -> !merged.contains(v)).forEach(merged::add);
            out.put(field.getKey(), merged);
        }
        return true;
    }
}
