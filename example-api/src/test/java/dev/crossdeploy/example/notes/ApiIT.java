package dev.crossdeploy.example.notes;

import dev.crossdeploy.example.notes.support.ApiAddress;

/**
 * The API contract against the deployed API. Failsafe runs it only when a URL is given
 * ({@code -Dcrossdeploy.output.ApiUrl=...} or {@code API_URL}; see the live-api profiles in
 * the POM), and passes it as the system property {@code apiUrl}. Under an endpoint override
 * ({@code AWS_ENDPOINT_URL}, the local cloud) the stage is reached through that endpoint.
 */
class ApiIT extends ApiContract {
    @Override
    protected String baseUrl() {
        String url = System.getProperty("apiUrl", "");
        if (url.isBlank()) {
            throw new IllegalStateException("apiUrl is not set: run with -Dcrossdeploy.output.ApiUrl=<url> or API_URL=<url>");
        }
        return ApiAddress.reachable(url, System.getenv("AWS_ENDPOINT_URL"));
    }
}
