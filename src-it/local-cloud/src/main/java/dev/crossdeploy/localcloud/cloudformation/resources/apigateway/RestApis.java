package dev.crossdeploy.localcloud.cloudformation.resources.apigateway;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookups among a REST API's parts (resources, methods, stages), with API Gateway's
 * not-found wording, and the URLs clients call.
 */
public final class RestApis {
    private RestApis() {}

    /** The URL a stage is invoked at: {@code https://<restApiId>.execute-api.<region>.amazonaws.com/<stage>}. */
    public static String invokeUrl(String restApiId, String region, String stageName) {
        return "https://" + restApiId + ".execute-api." + region + ".amazonaws.com/" + stageName;
    }

    static String apiArn(ResourceContext ctx, String path) {
        return "arn:aws:apigateway:" + ctx.region() + "::" + path;
    }

    /** The ARN of a part of the REST API the properties' RestApiId names, {@code subPath} below it ("stages/prod"). */
    static String partArn(ResourceContext ctx, Map<String, Object> props, String subPath) {
        return apiArn(ctx, "/restapis/" + Values.string(props, "RestApiId") + "/" + subPath);
    }

    static ResourceRecords.Entry requireApi(ResourceContext ctx, String restApiId) throws ResourceFailure {
        return ResourceRecords.of(ctx.state()).get(ctx.accountId(), ctx.region(), RestApiHandler.TYPE, restApiId)
                .orElseThrow(() -> notFound("Invalid API identifier specified " + ctx.accountId() + ":" + restApiId));
    }

    static String rootResourceId(ResourceRecords.Entry api) {
        return api.internal().get("rootResourceId").toString();
    }

    /** The path of a resource ("/" for the root), or API Gateway's NotFound. */
    static String requireResourcePath(ResourceContext ctx, String restApiId, String resourceId) throws ResourceFailure {
        ResourceRecords.Entry api = requireApi(ctx, restApiId);
        if (rootResourceId(api).equals(resourceId)) return "/";
        return ResourceRecords.of(ctx.state()).get(ctx.accountId(), ctx.region(), ApiResourceHandler.TYPE, resourceId)
                .filter(r -> restApiId.equals(r.properties().get("RestApiId")))
                .map(r -> r.internal().get("path").toString())
                .orElseThrow(() -> notFound("Invalid Resource identifier specified"));
    }

    static List<ResourceRecords.Entry> methods(ResourceContext ctx, String restApiId) {
        return ResourceRecords.of(ctx.state()).list(ctx.accountId(), ctx.region(), MethodHandler.TYPE).stream()
                .filter(m -> restApiId.equals(m.properties().get("RestApiId"))).toList();
    }

    // Read-only views for the data plane (the execute-api router), which has a CloudState, not a stack's context.

    /** The REST API with this id in any account and region (API ids are unique in the cloud). */
    public static Optional<ResourceRecords.Entry> findApi(CloudState state, String restApiId) {
        return ResourceRecords.of(state).all().stream()
                .filter(e -> RestApiHandler.TYPE.equals(e.type()) && e.physicalId().equals(restApiId)).findFirst();
    }

    /** The id of the API's root resource ("/"). */
    public static String rootResourceIdOf(ResourceRecords.Entry api) { return rootResourceId(api); }

    /** The API's resources below the root; each keeps its full path in {@code internal().get("path")}. */
    public static List<ResourceRecords.Entry> resourcesOf(CloudState state, ResourceRecords.Entry api) {
        return ResourceRecords.of(state).list(api.accountId(), api.region(), ApiResourceHandler.TYPE).stream()
                .filter(r -> api.physicalId().equals(r.properties().get("RestApiId"))).toList();
    }

    /** The API's stage by name, with its DeploymentId and Variables properties. */
    public static Optional<ResourceRecords.Entry> stageOf(CloudState state, ResourceRecords.Entry api, String stageName) {
        return ResourceRecords.of(state).get(api.accountId(), api.region(), StageHandler.TYPE, api.physicalId(), stageName);
    }

    /** The API's deployment by id; empty when it does not exist or belongs to another API. */
    public static Optional<ResourceRecords.Entry> deploymentOf(CloudState state, ResourceRecords.Entry api, String deploymentId) {
        if (deploymentId == null) return Optional.empty();
        return ResourceRecords.of(state).get(api.accountId(), api.region(), DeploymentHandler.TYPE, deploymentId)
                .filter(d -> api.physicalId().equals(d.properties().get("RestApiId")));
    }

    /** Where a deployment keeps the routes it was made from, in its record's internal values. */
    public static final String DEPLOYED_ROUTES = "routes";

    /**
     * The API's resources and methods as a deployment freezes them: {@code resources}, a list of
     * {@code {id, path}} (root included), and {@code methods}, a list of
     * {@code {resourceId, httpMethod, integration}} (integration empty when the method has none).
     */
    static Map<String, Object> routesSnapshot(ResourceContext ctx, String restApiId) throws ResourceFailure {
        ResourceRecords.Entry api = requireApi(ctx, restApiId);
        List<Map<String, Object>> resources = new java.util.ArrayList<>();
        resources.add(Map.of("id", rootResourceId(api), "path", "/"));
        resourcesOf(ctx.state(), api).forEach(r -> resources.add(Map.of("id", r.physicalId(), "path", r.internal().get("path"))));
        List<Map<String, Object>> methods = methods(ctx, restApiId).stream()
                .map(m -> Map.<String, Object>of("resourceId", Values.string(m.properties(), "ResourceId"),
                        "httpMethod", Values.string(m.properties(), "HttpMethod"),
                        "integration", Values.map(m.properties(), "Integration")))
                .toList();
        return Map.of("resources", resources, "methods", methods);
    }

    static ResourceFailure notFound(String message) {
        return HandlerErrors.service(ApiService.API_GATEWAY, 404, "NotFound", message);
    }

    static ResourceFailure badRequest(String message) {
        return HandlerErrors.service(ApiService.API_GATEWAY, 400, "InvalidRequest", message);
    }

    static ResourceFailure conflict(String message) {
        return HandlerErrors.service(ApiService.API_GATEWAY, 409, "AlreadyExists", message);
    }
}
