package dev.crossdeploy.localcloud.cloudformation.resources.apigateway;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;

/**
 * AWS::ApiGateway::RestApi as a record with its root resource. Ref is the API id (ten
 * lower-case letters and digits); GetAtt RestApiId and RootResourceId.
 */
public final class RestApiHandler extends RecordHandler {
    static final String TYPE = "AWS::ApiGateway::RestApi";

    public RestApiHandler() {
        super(TYPE, ApiService.API_GATEWAY, Schema.of(
                optional("ApiKeySourceType", Kind.enumOf("HEADER", "AUTHORIZER")),
                optional("BinaryMediaTypes", Kind.listOf(Kind.string())),
                optional("Body", Kind.json()),
                optional("BodyS3Location", Kind.any()),
                optional("CloneFrom", Kind.string()),
                optional("Description", Kind.string()),
                optional("DisableExecuteApiEndpoint", Kind.bool()),
                optional("EndpointAccessMode", Kind.any()),
                optional("EndpointConfiguration", Kind.object(
                        optional("IpAddressType", Kind.string()),
                        optional("Types", Kind.listOf(Kind.enumOf("EDGE", "REGIONAL", "PRIVATE"))),
                        optional("VpcEndpointIds", Kind.listOf(Kind.string())))),
                optional("FailOnWarnings", Kind.bool()),
                optional("MinimumCompressionSize", Kind.integer()),
                optional("Mode", Kind.enumOf("overwrite", "merge")),
                optional("Name", Kind.string()),
                optional("Parameters", Kind.mapOf(Kind.string())),
                optional("Policy", Kind.json()),
                optional("SecurityPolicy", Kind.any()),
                optional("Tags", Common.TAGS)),
                "RestApiId", "RootResourceId");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) { return Names.randomLowerAlnum(10); }

    @Override
    protected String arn(ResourceContext ctx, String id, Map<String, Object> props) {
        return RestApis.apiArn(ctx, "/restapis/" + id);
    }

    /** CreateRestApi is a POST on the collection. */
    @Override
    protected String createArn(ResourceContext ctx, String id, Map<String, Object> props) {
        return RestApis.apiArn(ctx, "/restapis");
    }

    @Override protected String createAction() { return "apigateway:POST"; }
    @Override protected String updateAction() { return "apigateway:PATCH"; }
    @Override protected String deleteAction() { return "apigateway:DELETE"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        if (props.get("Name") == null && props.get("Body") == null && props.get("BodyS3Location") == null
                && props.get("CloneFrom") == null) {
            throw RestApis.badRequest("Invalid REST API name specified: null");
        }
        return Map.of("rootResourceId", Names.randomLowerAlnum(10));
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String id, Map<String, Object> props, Map<String, Object> previous) {
        Object root = internal(ctx, id).getOrDefault("rootResourceId", previous.get("RootResourceId"));
        return Map.of("RestApiId", id, "RootResourceId", root);
    }
}
