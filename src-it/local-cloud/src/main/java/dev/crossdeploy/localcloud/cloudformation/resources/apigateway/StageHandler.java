package dev.crossdeploy.localcloud.cloudformation.resources.apigateway;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::ApiGateway::Stage: a named stage of an API pointing at a deployment. Ref is the stage
 * name, unique within its API; clients call it at {@link RestApis#invokeUrl}.
 */
public final class StageHandler extends RecordHandler {
    static final String TYPE = "AWS::ApiGateway::Stage";
    /** Marks the stage record a Deployment's StageName created. */
    private static final String CREATED_BY_DEPLOYMENT = "createdByDeployment";

    public StageHandler() {
        super(TYPE, ApiService.API_GATEWAY, Schema.of(
                optional("AccessLogSetting", Kind.object(
                        optional("DestinationArn", Kind.string()),
                        optional("Format", Kind.string()))),
                optional("CacheClusterEnabled", Kind.bool()),
                optional("CacheClusterSize", Kind.string()),
                optional("CanarySetting", Kind.any()),
                optional("ClientCertificateId", Kind.string()),
                optional("DeploymentId", Kind.string()),
                optional("Description", Kind.string()),
                optional("DocumentationVersion", Kind.string()),
                optional("MethodSettings", Kind.listOf(Kind.any())),
                required("RestApiId", Kind.string()).replaces(),
                optional("StageName", Kind.string().pattern("^[a-zA-Z0-9_-]+$")).replaces(),
                optional("Tags", Common.TAGS),
                optional("TracingEnabled", Kind.bool()),
                optional("Variables", Kind.mapOf(Kind.string()))));
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        return nameOrGenerated(ctx, props, "StageName", 128);
    }

    @Override
    protected String scope(Map<String, Object> props) { return Values.string(props, "RestApiId"); }

    @Override
    protected boolean uniquePhysicalIds() { return false; }

    @Override
    protected String arn(ResourceContext ctx, String stage, Map<String, Object> props) {
        return RestApis.partArn(ctx, props, "stages/" + stage);
    }

    @Override
    protected String createArn(ResourceContext ctx, String stage, Map<String, Object> props) {
        return RestApis.partArn(ctx, props, "stages");
    }

    @Override protected String createAction() { return "apigateway:POST"; }
    @Override protected String updateAction() { return "apigateway:PATCH"; }
    @Override protected String deleteAction() { return "apigateway:DELETE"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String stage, Map<String, Object> props) throws ResourceFailure {
        String api = Values.string(props, "RestApiId");
        RestApis.requireApi(ctx, api);
        if (stage(ctx, api, stage).isPresent()) throw RestApis.conflict("Stage already exists");
        requireDeployment(ctx, api, Values.string(props, "DeploymentId"));
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        requireDeployment(ctx, Values.string(newProps, "RestApiId"), Values.string(newProps, "DeploymentId"));
        return current.internal();
    }

    private static void requireDeployment(ResourceContext ctx, String api, String deploymentId) throws ResourceFailure {
        if (deploymentId == null) return;
        boolean exists = ResourceRecords.of(ctx.state()).get(ctx.accountId(), ctx.region(), DeploymentHandler.TYPE, deploymentId)
                .filter(d -> api.equals(d.properties().get("RestApiId"))).isPresent();
        if (!exists) throw RestApis.notFound("Invalid Deployment identifier specified");
    }

    static Optional<ResourceRecords.Entry> stage(ResourceContext ctx, String api, String stage) {
        return ResourceRecords.of(ctx.state()).get(ctx.accountId(), ctx.region(), TYPE, api, stage);
    }

    /** CreateDeployment with a stage name: repoints the stage, or creates it when it does not exist. */
    static void pointStage(ResourceContext ctx, String api, String stage, String deploymentId) {
        ResourceRecords records = ResourceRecords.of(ctx.state());
        Optional<ResourceRecords.Entry> existing = stage(ctx, api, stage);
        if (existing.isPresent()) {
            Map<String, Object> props = new HashMap<>(existing.get().properties());
            props.put("DeploymentId", deploymentId);
            records.put(existing.get().with(props, existing.get().attributes(), existing.get().internal()));
        } else {
            records.put(new ResourceRecords.Entry(ctx.accountId(), ctx.region(), TYPE, api, stage, ctx.stackId(), ctx.logicalId(),
                    Map.of("RestApiId", api, "StageName", stage, "DeploymentId", deploymentId), Map.of(),
                    Map.of(CREATED_BY_DEPLOYMENT, deploymentId)));
        }
    }

    static void removeImplicitStage(ResourceContext ctx, String api, String stage, String deploymentId) {
        stage(ctx, api, stage).filter(s -> deploymentId.equals(s.internal().get(CREATED_BY_DEPLOYMENT)))
                .ifPresent(s -> ResourceRecords.of(ctx.state()).remove(s));
    }

    static long stagesPointingTo(ResourceContext ctx, String api, String deploymentId) {
        return ResourceRecords.of(ctx.state()).list(ctx.accountId(), ctx.region(), TYPE).stream()
                .filter(s -> api.equals(s.scope()) && deploymentId.equals(s.properties().get("DeploymentId"))).count();
    }
}
