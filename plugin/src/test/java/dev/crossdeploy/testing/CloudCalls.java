package dev.crossdeploy.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The calls the local cloud answered, per service and action, from its own counter
 * ({@code /_localcloud/calls}): what reached the wire, where {@link RequestLog} sees only the SDK
 * operations the code asked for (the native S3 client turns one PutObject into a multipart upload).
 */
public final class CloudCalls {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CloudCalls() {}

    public static void clear(URI endpoint) {
        send(HttpRequest.newBuilder(endpoint.resolve("/_localcloud/calls")).DELETE().build());
    }

    /** Calls to {@code service} ("s3") by action since the last {@link #clear}. */
    public static Map<String, Long> of(URI endpoint, String service) {
        String body = send(HttpRequest.newBuilder(endpoint.resolve("/_localcloud/calls")).GET().build());
        try {
            Map<String, Map<String, Long>> all = new ObjectMapper().readValue(body, new TypeReference<>() {});
            return all.getOrDefault(service, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable call counts: " + body, e);
        }
    }

    private static String send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
