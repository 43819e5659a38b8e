package dev.crossdeploy.example.notes;

import java.util.Map;

/**
 * A failure the caller can act on, carried to the edge of the API where it becomes a response
 * with {@code status} and the JSON body {@code {"message": ...}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    private ApiException(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, Map.of());
    }

    public static ApiException methodNotAllowed(String message, String allowedMethods) {
        return new ApiException(405, message, Map.of("Allow", allowedMethods));
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message, Map.of());
    }

    public int status() {
        return status;
    }

    /** Extra response headers, such as {@code Allow} on a 405. */
    public Map<String, String> headers() {
        return headers;
    }
}
