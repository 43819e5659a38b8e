package dev.crossdeploy.localcloud.cloudformation.resources.lambda;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::Lambda::Permission: a statement in a function's resource policy, kept as a record.
 * Every property requires replacement. Ref and GetAtt Id are the statement id.
 */
public final class PermissionHandler extends RecordHandler {
    public static final String TYPE = "AWS::Lambda::Permission";

    public PermissionHandler() {
        super(TYPE, ApiService.LAMBDA, Schema.of(
                required("Action", Kind.string().pattern("^(lambda:[*]|lambda:[a-zA-Z]+|[*])$")).replaces(),
                optional("EventSourceToken", Kind.string()).replaces(),
                required("FunctionName", Kind.string().minLength(1).maxLength(140)).replaces(),
                optional("FunctionUrlAuthType", Kind.enumOf("AWS_IAM", "NONE")).replaces(),
                optional("InvokedViaFunctionUrl", Kind.bool()).replaces(),
                required("Principal", Kind.string().minLength(1).maxLength(256)).replaces(),
                optional("PrincipalOrgID", Kind.string()).replaces(),
                optional("SourceAccount", Kind.string().pattern("^\\d{12}$")).replaces(),
                optional("SourceArn", Kind.string().maxLength(1024)
                        .pattern("^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)$")).replaces()),
                "Id");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure {
        Functions.require(ctx, Values.string(props, "FunctionName"));
        return Names.generate(ctx, 100);
    }

    @Override
    protected String arn(ResourceContext ctx, String id, Map<String, Object> props) {
        return Functions.arn(ctx, Functions.parse(Values.string(props, "FunctionName")).name());
    }

    @Override protected String createAction() { return "lambda:AddPermission"; }
    @Override protected String updateAction() { return "lambda:AddPermission"; }
    @Override protected String deleteAction() { return "lambda:RemovePermission"; }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String id, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("Id", id);
    }
}
