package dev.crossdeploy.example.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.HashMap;
import java.util.Map;

/** Builds the proxy responses API Gateway passes back to clients. */
public final class Responses {
    private Responses() {
    }

    public static APIGatewayProxyResponseEvent json(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }

    public static APIGatewayProxyResponseEvent noContent() {
        return new APIGatewayProxyResponseEvent().withStatusCode(204).withHeaders(Map.of());
    }

    /** The {@code {"message": ...}} response for a failure the client can act on. */
    public static APIGatewayProxyResponseEvent error(ApiException e) {
        Map<String, String> headers = new HashMap<>(e.headers());
        headers.put("Content-Type", "application/json");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(e.status())
                .withHeaders(headers)
                .withBody(Json.message(e.getMessage()));
    }

    /** The answer to a failure the client cannot fix; details stay in the function's log. */
    public static APIGatewayProxyResponseEvent error500() {
        return json(500, Json.message("Internal server error"));
    }
}
