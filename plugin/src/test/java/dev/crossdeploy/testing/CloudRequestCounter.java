package dev.crossdeploy.testing;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local cloud module that answers nothing and writes down every signed query-protocol request
 * the cloud receives ("cloudformation DescribeStackEvents", with " NextToken" when the request
 * asks for a later page), so a test can prove how many calls reached the cloud, retries included.
 * Register it with {@code LocalCloud.builder().module(s -> counter)}.
 */
public final class CloudRequestCounter implements CloudModule {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private final List<String> requests = new ArrayList<>();
    private final List<java.time.Instant> arrivals = new ArrayList<>();

    @Override
    public Optional<CloudResponse> serve(CloudRequest request) {
        String authorization = request.header("Authorization");
        String type = request.header("Content-Type");
        if (authorization == null || type == null || !type.startsWith("application/x-www-form-urlencoded")) return Optional.empty();
        Matcher scope = SCOPE.matcher(authorization);
        if (!scope.find()) return Optional.empty();
        // The body is kept by the request once read, so the service still sees it.
        Map<String, List<String>> form = CloudRequest.parseForm(new String(request.bodyBytes(), StandardCharsets.UTF_8));
        String action = form.getOrDefault("Action", List.of("?")).get(0);
        String entry = scope.group(1) + " " + action + (form.containsKey("NextToken") ? " NextToken" : "");
        synchronized (requests) {
            requests.add(entry);
            arrivals.add(java.time.Instant.now());
        }
        return Optional.empty();
    }

    /** Requests so far, in arrival order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** When each request of {@link #requests()} arrived, by the machine's clock. */
    public List<java.time.Instant> arrivals() {
        synchronized (requests) {
            return List.copyOf(arrivals);
        }
    }

    /** How many requests so far were {@code "service Action"} (any page). */
    public long count(String serviceAndAction) {
        return requests().stream().filter(r -> r.equals(serviceAndAction) || r.startsWith(serviceAndAction + " ")).count();
    }

    @Override
    public void reset() {
        synchronized (requests) {
            requests.clear();
            arrivals.clear();
        }
    }
}
