package dev.crossdeploy.example.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Maps method + path to an operation. Paths are templates such as {@code /notes/{id}}; a path
 * that matches no template is a 404, a known path with another method a 405 with {@code Allow}.
 * Failures the caller can act on ({@link ApiException}) become {@code {"message": ...}} responses.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; returns this router so routes read as a table. */
    public Router route(String method, String pathTemplate,
                        Function<ApiRequest, APIGatewayProxyResponseEvent> operation) {
        routes.add(new Route(method, pathTemplate.split("/"), operation));
        return this;
    }

    public APIGatewayProxyResponseEvent handle(ApiRequest request) {
        try {
            return dispatch(request);
        } catch (ApiException e) {
            return Responses.error(e);
        }
    }

    private APIGatewayProxyResponseEvent dispatch(ApiRequest request) {
        String[] segments = request.path().split("/");
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return route.operation().apply(request.withPathParameters(parameters.get()));
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            throw ApiException.methodNotAllowed("Method " + request.method() + " is not allowed on "
                    + request.path() + "; allowed: " + String.join(", ", allowed), String.join(", ", allowed));
        }
        throw ApiException.notFound("No resource at " + request.path());
    }

    private record Route(String method, String[] template,
                         Function<ApiRequest, APIGatewayProxyResponseEvent> operation) {

        Optional<Map<String, String>> match(String[] segments) {
            if (segments.length != template.length) {
                return Optional.empty();
            }
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < template.length; i++) {
                String expected = template[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    if (segments[i].isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(expected.substring(1, expected.length() - 1), segments[i]);
                } else if (!expected.equals(segments[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }
}
