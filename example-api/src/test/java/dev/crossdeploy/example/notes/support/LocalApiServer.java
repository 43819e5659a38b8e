package dev.crossdeploy.example.notes.support;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for API Gateway's REST proxy integration on 127.0.0.1: strips the stage prefix,
 * turns each HTTP request into an {@link APIGatewayProxyRequestEvent}, calls the handler and
 * writes its response back, so HTTP clients can be tested without AWS.
 */
public final class LocalApiServer implements AutoCloseable {
    private final HttpServer server;
    private final String stage;

    private LocalApiServer(HttpServer server, String stage) {
        this.server = server;
        this.stage = stage;
    }

    public static LocalApiServer start(String stage,
                                       RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LocalApiServer api = new LocalApiServer(server, stage);
        server.createContext("/" + stage, exchange -> api.serve(exchange, handler));
        server.start();
        return api;
    }

    /** The base URL, shaped like an API Gateway stage URL: {@code http://127.0.0.1:port/stage}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage;
    }

    private void serve(HttpExchange exchange,
                       RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath().substring(stage.length() + 1);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                    .withHttpMethod(exchange.getRequestMethod())
                    .withPath(path.isEmpty() ? "/" : path)
                    .withQueryStringParameters(query(exchange.getRequestURI().getRawQuery()))
                    .withHeaders(headers)
                    .withBody(body.isEmpty() ? null : body)
                    .withIsBase64Encoded(false);

            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            }
            byte[] bytes = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    // Like API Gateway: null when there is no query string, the last value of a repeated name otherwise.
    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
