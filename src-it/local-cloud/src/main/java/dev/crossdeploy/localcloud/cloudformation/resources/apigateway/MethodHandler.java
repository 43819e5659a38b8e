package dev.crossdeploy.localcloud.cloudformation.resources.apigateway;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Locale;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::ApiGateway::Method: an HTTP method on a resource with its integration. AuthorizationType
 * defaults to NONE as in CloudFormation. Ref is a generated method id.
 */
public final class MethodHandler extends RecordHandler {
    static final String TYPE = "AWS::ApiGateway::Method";

    public MethodHandler() {
        super(TYPE, ApiService.API_GATEWAY, Schema.of(
                optional("ApiKeyRequired", Kind.bool()),
                optional("AuthorizationScopes", Kind.listOf(Kind.string())),
                optional("AuthorizationType", Kind.enumOf("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS")),
                optional("AuthorizerId", Kind.string()),
                required("HttpMethod", Kind.string()).replaces(),
                optional("Integration", Kind.object(
                        optional("CacheKeyParameters", Kind.listOf(Kind.string())),
                        optional("CacheNamespace", Kind.string()),
                        optional("ConnectionId", Kind.string()),
                        optional("ConnectionType", Kind.enumOf("INTERNET", "VPC_LINK")),
                        optional("ContentHandling", Kind.enumOf("CONVERT_TO_BINARY", "CONVERT_TO_TEXT")),
                        optional("Credentials", Kind.string()),
                        optional("IntegrationHttpMethod", Kind.string()),
                        optional("IntegrationResponses", Kind.listOf(Kind.any())),
                        optional("IntegrationTarget", Kind.string()),
                        optional("PassthroughBehavior", Kind.enumOf("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")),
                        optional("RequestParameters", Kind.mapOf(Kind.string())),
                        optional("RequestTemplates", Kind.mapOf(Kind.string())),
                        optional("ResponseTransferMode", Kind.string()),
                        optional("TimeoutInMillis", Kind.integer().min(50).max(29000)),
                        required("Type", Kind.enumOf("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK")),
                        optional("Uri", Kind.string()))),
                optional("MethodResponses", Kind.listOf(Kind.object(
                        optional("ResponseModels", Kind.mapOf(Kind.string())),
                        optional("ResponseParameters", Kind.mapOf(Kind.bool())),
                        required("StatusCode", Kind.string())))),
                optional("OperationName", Kind.string()),
                optional("RequestModels", Kind.mapOf(Kind.string())),
                optional("RequestParameters", Kind.mapOf(Kind.bool())),
                optional("RequestValidatorId", Kind.string()),
                required("ResourceId", Kind.string()).replaces(),
                required("RestApiId", Kind.string()).replaces()));
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        String stack = ctx.stackName().substring(0, Math.min(5, ctx.stackName().length()));
        String logical = ctx.logicalId().substring(0, Math.min(5, ctx.logicalId().length()));
        return (stack + "-" + logical + "-").toLowerCase(Locale.ROOT) + Names.randomLowerAlnum(12);
    }

    @Override
    protected String arn(ResourceContext ctx, String id, Map<String, Object> props) {
        return RestApis.partArn(ctx, props, "resources/" + Values.string(props, "ResourceId") + "/methods/" + Values.string(props, "HttpMethod"));
    }

    @Override protected String createAction() { return "apigateway:PUT"; }
    @Override protected String updateAction() { return "apigateway:PATCH"; }
    @Override protected String deleteAction() { return "apigateway:DELETE"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        String api = Values.string(props, "RestApiId");
        String resource = Values.string(props, "ResourceId");
        String method = Values.string(props, "HttpMethod");
        RestApis.requireResourcePath(ctx, api, resource);
        boolean exists = RestApis.methods(ctx, api).stream().anyMatch(m -> resource.equals(m.properties().get("ResourceId"))
                && method.equalsIgnoreCase(Values.string(m.properties(), "HttpMethod")));
        if (exists) throw RestApis.conflict("Method already exists for this resource");
        checkIntegration(props);
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        checkIntegration(newProps);
        return current.internal();
    }

    /** Every integration but MOCK calls a backend and needs the HTTP method to call it with. */
    private static void checkIntegration(Map<String, Object> props) throws ResourceFailure {
        Map<String, Object> integration = Values.map(props, "Integration");
        if (integration.isEmpty()) return;
        if (!"MOCK".equals(Values.string(integration, "Type")) && Values.string(integration, "IntegrationHttpMethod") == null) {
            throw RestApis.badRequest("Enumeration value for HttpMethod must be non-empty");
        }
    }
}
