package dev.crossdeploy.example.notes;

/**
 * The API contract against the deployed API. Failsafe runs it only when a URL is given
 * ({@code -Dcrossdeploy.output.ApiUrl=...} or {@code API_URL}; see the live-api profiles in
 * the POM), and passes it as the system property {@code apiUrl}.
 */
class ApiIT extends ApiContract {
    @Override
    protected String baseUrl() {
        String url = System.getProperty("apiUrl", "");
        if (url.isBlank()) {
            throw new IllegalStateException("apiUrl is not set: run with -Dcrossdeploy.output.ApiUrl=<url> or API_URL=<url>");
        }
        return url;
    }
}
