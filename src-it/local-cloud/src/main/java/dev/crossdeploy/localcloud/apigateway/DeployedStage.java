package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.RestApis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage of a REST API as it is served: the stage must exist and point at a deployment of its
 * API, and serves the resources and methods that deployment froze (edits to the API show only
 * after a new deployment, as in AWS).
 */
record DeployedStage(ResourceRecords.Entry api, ResourceRecords.Entry stage, ResourceRecords.Entry deployment,
                     List<ApiResource> resources, List<ApiMethod> methods) {

    /** The stage the address names, or empty when the API, the stage or its deployment is missing. */
    static Optional<DeployedStage> load(CloudState state, ExecuteApiAddress address) {
        Optional<ResourceRecords.Entry> api = RestApis.findApi(state, address.apiId())
                .filter(a -> address.region() == null || address.region().equals(a.region()));
        if (api.isEmpty() || address.stage().isEmpty()) return Optional.empty();
        Optional<ResourceRecords.Entry> stage = RestApis.stageOf(state, api.get(), address.stage());
        if (stage.isEmpty()) return Optional.empty();
        Object deploymentId = stage.get().properties().get("DeploymentId");
        Optional<ResourceRecords.Entry> deployment = RestApis.deploymentOf(state, api.get(), deploymentId == null ? null : deploymentId.toString());
        if (deployment.isEmpty()) return Optional.empty();
        Map<?, ?> routes = deployment.get().internal().get(RestApis.DEPLOYED_ROUTES) instanceof Map<?, ?> m ? m : Map.of();
        List<ApiResource> resources = new ArrayList<>();
        for (Object r : list(routes.get("resources"))) {
            Map<?, ?> resource = (Map<?, ?>) r;
            resources.add(new ApiResource(resource.get("id").toString(), resource.get("path").toString()));
        }
        List<ApiMethod> methods = new ArrayList<>();
        for (Object m : list(routes.get("methods"))) {
            Map<?, ?> method = (Map<?, ?>) m;
            methods.add(new ApiMethod(method.get("resourceId").toString(), method.get("httpMethod").toString(),
                    stringKeys(method.get("integration"))));
        }
        return Optional.of(new DeployedStage(api.get(), stage.get(), deployment.get(), resources, methods));
    }

    private static List<?> list(Object value) { return value instanceof List<?> l ? l : List.of(); }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    String apiId() { return api.physicalId(); }
    String stageName() { return stage.physicalId(); }
    String accountId() { return api.accountId(); }
    String region() { return api.region(); }

    /** The stage's variables, or null when it has none (as the proxy event carries them). */
    @SuppressWarnings("unchecked")
    Map<String, String> variables() {
        Object v = stage.properties().get("Variables");
        return v instanceof Map<?, ?> m && !m.isEmpty() ? (Map<String, String>) m : null;
    }

    /** The API's binary media types ("image/png", "image/*"), from the RestApi's BinaryMediaTypes. */
    List<String> binaryMediaTypes() {
        Object v = api.properties().get("BinaryMediaTypes");
        if (!(v instanceof List<?> list)) return List.of();
        // Some templates escape "/" as "~1", as the PATCH path of UpdateRestApi needs.
        return list.stream().map(o -> o.toString().replace("~1", "/")).toList();
    }

    /**
     * The route a request takes: the most specific resource whose path matches (literal parts beat
     * {@code {param}}, which beats a greedy {@code {proxy+}}), then its method for the request's
     * HTTP method, else its ANY method. Empty when no resource or method matches.
     */
    Optional<Route> route(String httpMethod, List<String> segments) {
        ApiResource best = null;
        int[] bestScore = null;
        Map<String, String> bestParams = null;
        for (ApiResource resource : resources) {
            Optional<ApiResource.Match> match = resource.match(segments);
            if (match.isEmpty()) continue;
            if (best == null || compare(match.get().score(), bestScore) > 0) {
                best = resource;
                bestScore = match.get().score();
                bestParams = match.get().pathParameters();
            }
        }
        if (best == null) return Optional.empty();
        String resourceId = best.id();
        List<ApiMethod> onResource = methods.stream().filter(m -> resourceId.equals(m.resourceId())).toList();
        Optional<ApiMethod> method = onResource.stream().filter(m -> httpMethod.equalsIgnoreCase(m.httpMethod())).findFirst()
                .or(() -> onResource.stream().filter(m -> "ANY".equalsIgnoreCase(m.httpMethod())).findFirst());
        ApiResource chosen = best;
        Map<String, String> params = bestParams;
        return method.map(m -> new Route(chosen, m, params));
    }

    /** Part by part, the higher score is the more specific path. */
    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
        }
        return Integer.compare(a.length, b.length);
    }

    /** A resource and method a request was routed to, with the path parameters it bound. */
    record Route(ApiResource resource, ApiMethod method, Map<String, String> pathParameters) {}
}
