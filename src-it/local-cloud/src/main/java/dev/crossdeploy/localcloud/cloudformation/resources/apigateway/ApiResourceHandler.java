package dev.crossdeploy.localcloud.cloudformation.resources.apigateway;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::ApiGateway::Resource: a path part under a parent resource of the same API. Ref and
 * GetAtt ResourceId are the resource id.
 */
public final class ApiResourceHandler extends RestApiPartHandler {
    static final String TYPE = "AWS::ApiGateway::Resource";

    public ApiResourceHandler() {
        super(TYPE, Schema.of(
                required("ParentId", Kind.string()).replaces(),
                required("PathPart", Kind.string()).replaces(),
                required("RestApiId", Kind.string()).replaces()),
                "resources", "ResourceId");
    }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        String api = Values.string(props, "RestApiId");
        String parent = Values.string(props, "ParentId");
        String pathPart = Values.string(props, "PathPart");
        String parentPath = RestApis.requireResourcePath(ctx, api, parent);
        boolean taken = records(ctx).list(ctx.accountId(), ctx.region(), TYPE).stream()
                .anyMatch(r -> api.equals(r.properties().get("RestApiId")) && parent.equals(r.properties().get("ParentId"))
                        && pathPart.equals(r.properties().get("PathPart")));
        if (taken) throw RestApis.conflict("Another resource with the same parent already has this name: " + pathPart);
        return Map.of("path", ("/".equals(parentPath) ? "" : parentPath) + "/" + pathPart);
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) {
        // API Gateway deletes a resource together with its methods.
        RestApis.methods(ctx, Values.string(current.properties(), "RestApiId")).stream()
                .filter(m -> current.physicalId().equals(m.properties().get("ResourceId")))
                .forEach(m -> records(ctx).remove(m));
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String id, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("ResourceId", id);
    }
}
