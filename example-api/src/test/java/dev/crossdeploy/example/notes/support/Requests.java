package dev.crossdeploy.example.notes.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.util.Map;

/** API Gateway proxy events as API Gateway would send them for the REST API's {proxy+} resource. */
public final class Requests {
    private Requests() {
    }

    public static APIGatewayProxyRequestEvent request(String method, String path, String body) {
        return request(method, path, Map.of(), body);
    }

    public static APIGatewayProxyRequestEvent request(String method, String path, Map<String, String> query, String body) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withResource("/{proxy+}")
                .withPathParameters(Map.of("proxy", path.substring(1)))
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(body == null ? Map.of() : Map.of("Content-Type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    public static APIGatewayProxyRequestEvent get(String path) {
        return request("GET", path, null);
    }

    public static APIGatewayProxyRequestEvent get(String path, Map<String, String> query) {
        return request("GET", path, query, null);
    }

    public static APIGatewayProxyRequestEvent post(String path, String body) {
        return request("POST", path, body);
    }

    public static APIGatewayProxyRequestEvent put(String path, String body) {
        return request("PUT", path, body);
    }

    public static APIGatewayProxyRequestEvent delete(String path) {
        return request("DELETE", path, null);
    }
}
