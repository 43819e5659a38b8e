package dev.crossdeploy.example.notes.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a test reaches a deployed API. On AWS that is the stack's {@code ApiUrl} as it is. With
 * an endpoint override ({@code AWS_ENDPOINT_URL}, as on crossdeploy's local cloud) the
 * {@code execute-api} host name resolves nowhere, so the same API stage is reached at the
 * endpoint's path form {@code <endpoint>/_aws/execute-api/<api id>/<stage>}.
 */
public final class ApiAddress {
    private static final Pattern EXECUTE_API = Pattern.compile(
            "https://([a-z0-9]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?/([^/?#]+)(/.*)?");

    private ApiAddress() {
    }

    /**
     * {@code apiUrl} itself, or its path form under {@code endpointOverride} when one is set and
     * the URL is an API Gateway stage URL.
     */
    public static String reachable(String apiUrl, String endpointOverride) {
        if (endpointOverride == null || endpointOverride.isBlank()) {
            return apiUrl;
        }
        Matcher m = EXECUTE_API.matcher(apiUrl);
        if (!m.matches()) {
            return apiUrl;
        }
        String endpoint = endpointOverride.endsWith("/")
                ? endpointOverride.substring(0, endpointOverride.length() - 1) : endpointOverride;
        return endpoint + "/_aws/execute-api/" + m.group(1) + "/" + m.group(2) + (m.group(3) == null ? "" : m.group(3));
    }
}
