package dev.crossdeploy.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

import java.time.Duration;

/**
 * Unsigned control paths under {@code /_localcloud/} for tests that run the cloud in another
 * process: health, reset, fault rules, the expiry clock and the
 * count of calls by service and action. (No bucket can be named
 * "_localcloud", so these never shadow S3 paths.)
 */
final class AdminApi {
    static final String PREFIX = "/_localcloud/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;
    private final Runnable reset;
    private final CallCounter calls;

    AdminApi(CloudState state, Runnable reset, CallCounter calls) {
        this.state = state;
        this.reset = reset;
        this.calls = calls;
    }

    CloudResponse handle(CloudRequest request) {
        String path = request.rawPath().substring(PREFIX.length());
        String method = request.method();
        try {
            if (path.equals("health") && method.equals("GET")) return json(200, "{\"status\":\"ok\"}");
            if (path.equals("reset") && method.equals("POST")) {
                reset.run();
                new WorldSeeder(state).seed();
                return json(200, "{\"reset\":true}");
            }
            if (path.equals("faults") && method.equals("POST")) {
                FaultRule rule = JSON.readValue(request.bodyBytes(), FaultRule.class);
                state.faults().add(rule);
                return json(200, "{\"added\":true}");
            }
            if (path.equals("faults") && method.equals("DELETE")) {
                state.faults().clear();
                return json(200, "{\"cleared\":true}");
            }
            if (path.equals("faults") && method.equals("GET")) {
                return json(200, "{\"fired\":" + state.faults().fired() + "}");
            }
            if (path.equals("calls") && method.equals("GET")) {
                return json(200, JSON.writeValueAsString(calls.snapshot()));
            }
            if (path.equals("calls") && method.equals("DELETE")) {
                calls.clear();
                return json(200, "{\"cleared\":true}");
            }
            if (path.equals("clock/advance") && method.equals("POST")) {
                long seconds = Long.parseLong(request.queryParam("seconds"));
                state.clock().advance(Duration.ofSeconds(seconds));
                return json(200, "{\"advancedSeconds\":" + seconds + "}");
            }
            return json(404, "{\"error\":\"No admin path " + method + " " + PREFIX + path + "\"}");
        } catch (Exception e) {
            String message = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .split("\n")[0].replace("\"", "'");
            return json(400, "{\"error\":\"" + message + "\"}");
        }
    }

    private static CloudResponse json(int status, String body) {
        return CloudResponse.status(status).header("Content-Type", "application/json").body(body);
    }
}
