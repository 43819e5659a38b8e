package dev.crossdeploy.localcloud.cloudformation.resources.apigateway;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;

import java.util.Map;

/**
 * A part of a REST API that API Gateway keeps in a collection under the API
 * ({@code /restapis/<id>/<collection>/<part id>}), with a generated short id, created by POST.
 */
abstract class RestApiPartHandler extends RecordHandler {
    private final String collection;

    RestApiPartHandler(String type, Schema schema, String collection, String... attributeNames) {
        super(type, ApiService.API_GATEWAY, schema, attributeNames);
        this.collection = collection;
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) { return Names.randomLowerAlnum(6); }

    @Override
    protected String arn(ResourceContext ctx, String id, Map<String, Object> props) {
        return RestApis.partArn(ctx, props, collection + "/" + id);
    }

    @Override
    protected String createArn(ResourceContext ctx, String id, Map<String, Object> props) {
        return RestApis.partArn(ctx, props, collection);
    }

    @Override protected String createAction() { return "apigateway:POST"; }
    @Override protected String updateAction() { return "apigateway:PATCH"; }
    @Override protected String deleteAction() { return "apigateway:DELETE"; }
}
