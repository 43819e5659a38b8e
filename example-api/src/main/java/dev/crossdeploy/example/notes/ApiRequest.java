package dev.crossdeploy.example.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an API Gateway proxy request that the routes use, normalised: upper-case method,
 * path without a trailing slash, decoded body, and the path parameters the router matched.
 */
public record ApiRequest(String method, String path, Map<String, String> query, String body,
                         Map<String, String> pathParameters) {

    public ApiRequest {
        query = Map.copyOf(query);
        pathParameters = Map.copyOf(pathParameters);
    }

    /**
     * Reads a REST API proxy event; API Gateway gives the path without the stage prefix.
     *
     * @throws ApiException (400) when a Base64-encoded body cannot be decoded
     */
    public static ApiRequest from(APIGatewayProxyRequestEvent event) {
        String method = event.getHttpMethod() == null ? "" : event.getHttpMethod().toUpperCase(Locale.ROOT);
        String path = normalisePath(event.getPath());
        Map<String, String> query = new HashMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> {
                if (name != null && value != null) {
                    query.put(name, value);
                }
            });
        }
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Request body is marked as Base64-encoded but is not valid Base64");
            }
        }
        return new ApiRequest(method, path, query, body, Map.of());
    }

    private static String normalisePath(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String withSlash = path.startsWith("/") ? path : "/" + path;
        return withSlash.length() > 1 && withSlash.endsWith("/")
                ? withSlash.substring(0, withSlash.length() - 1)
                : withSlash;
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The value of a path parameter of the matched route, such as {@code id} in /notes/{id}. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("Route has no path parameter " + name);
        }
        return value;
    }

    ApiRequest withPathParameters(Map<String, String> parameters) {
        return new ApiRequest(method, path, query, body, parameters);
    }
}
