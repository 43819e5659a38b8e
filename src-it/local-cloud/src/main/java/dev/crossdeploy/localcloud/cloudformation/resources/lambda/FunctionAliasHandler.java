package dev.crossdeploy.localcloud.cloudformation.resources.lambda;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::Lambda::Alias: a name for $LATEST or a published version. Ref is the alias ARN;
 * GetAtt AliasArn.
 */
public final class FunctionAliasHandler extends RecordHandler {
    public static final String TYPE = "AWS::Lambda::Alias";

    public FunctionAliasHandler() {
        super(TYPE, ApiService.LAMBDA, Schema.of(
                optional("Description", Kind.string().maxLength(256)),
                required("FunctionName", Kind.string().minLength(1).maxLength(140)).replaces(),
                required("FunctionVersion", Kind.string().minLength(1).maxLength(1024).pattern("^(\\$LATEST|[0-9]+)$")),
                required("Name", Kind.string().minLength(1).maxLength(128).pattern("^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$")).replaces(),
                optional("ProvisionedConcurrencyConfig", Kind.object(required("ProvisionedConcurrentExecutions", Kind.integer()))),
                optional("RoutingConfig", Kind.any())),
                "AliasArn");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure {
        var function = Functions.require(ctx, Values.string(props, "FunctionName"));
        return Functions.arn(ctx, function.physicalId()) + ":" + Values.string(props, "Name");
    }

    @Override
    protected String arn(ResourceContext ctx, String aliasArn, Map<String, Object> props) {
        return aliasArn.substring(0, aliasArn.lastIndexOf(':'));
    }

    @Override protected String createAction() { return "lambda:CreateAlias"; }
    @Override protected String updateAction() { return "lambda:UpdateAlias"; }
    @Override protected String deleteAction() { return "lambda:DeleteAlias"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String aliasArn, Map<String, Object> props) throws ResourceFailure {
        requireVersion(ctx, aliasArn, Values.string(props, "FunctionVersion"));
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        requireVersion(ctx, current.physicalId(), Values.string(newProps, "FunctionVersion"));
        return current.internal();
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String aliasArn, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("AliasArn", aliasArn);
    }

    private void requireVersion(ResourceContext ctx, String aliasArn, String version) throws ResourceFailure {
        if ("$LATEST".equals(version)) return;
        String versionArn = arn(ctx, aliasArn, Map.of()) + ":" + version;
        if (records(ctx).get(ctx.accountId(), ctx.region(), VersionHandler.TYPE, versionArn).isEmpty()) {
            throw HandlerErrors.service(ApiService.LAMBDA, 404, "NotFound", "Function not found: " + versionArn);
        }
    }
}
