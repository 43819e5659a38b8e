package dev.crossdeploy.localcloud.cloudformation.resources.apigateway;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::ApiGateway::Deployment: a snapshot of an API that has methods (its resources and methods
 * are kept, and are what its stages serve). With StageName it also
 * creates (or repoints) that stage, as CreateDeployment does. Ref and GetAtt DeploymentId are
 * the deployment id.
 */
public final class DeploymentHandler extends RestApiPartHandler {
    static final String TYPE = "AWS::ApiGateway::Deployment";

    public DeploymentHandler() {
        super(TYPE, Schema.of(
                optional("DeploymentCanarySettings", Kind.any()).replaces(),
                optional("Description", Kind.string()),
                required("RestApiId", Kind.string()).replaces(),
                optional("StageDescription", Kind.any()),
                optional("StageName", Kind.string())),
                "deployments", "DeploymentId");
    }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        String api = Values.string(props, "RestApiId");
        RestApis.requireApi(ctx, api);
        if (RestApis.methods(ctx, api).isEmpty()) throw RestApis.badRequest("The REST API doesn't contain any methods");
        String stage = Values.string(props, "StageName");
        if (stage != null) StageHandler.pointStage(ctx, api, stage, id);
        // A deployment serves the API as it was when deployed, not as later edits leave it.
        return Map.of(RestApis.DEPLOYED_ROUTES, RestApis.routesSnapshot(ctx, api));
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        String stage = Values.string(newProps, "StageName");
        if (stage != null) StageHandler.pointStage(ctx, Values.string(newProps, "RestApiId"), stage, current.physicalId());
        return current.internal();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) throws ResourceFailure {
        String api = Values.string(current.properties(), "RestApiId");
        String stage = Values.string(current.properties(), "StageName");
        // The stage this deployment made for itself goes with it; stages declared elsewhere block deletion.
        if (stage != null) StageHandler.removeImplicitStage(ctx, api, stage, current.physicalId());
        if (StageHandler.stagesPointingTo(ctx, api, current.physicalId()) > 0) {
            throw RestApis.badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String id, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("DeploymentId", id);
    }
}
