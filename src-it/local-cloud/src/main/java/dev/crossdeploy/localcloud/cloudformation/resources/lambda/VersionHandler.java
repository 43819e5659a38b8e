package dev.crossdeploy.localcloud.cloudformation.resources.lambda;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.HashMap;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::Lambda::Version: publishes the function's current code and configuration as the next
 * version number (1, 2, ... per function). Ref is the version ARN; GetAtt Version and FunctionArn.
 */
public final class VersionHandler extends RecordHandler {
    public static final String TYPE = "AWS::Lambda::Version";

    public VersionHandler() {
        super(TYPE, ApiService.LAMBDA, Schema.of(
                optional("CodeSha256", Kind.string()).replaces(),
                optional("Description", Kind.string().maxLength(256)).replaces(),
                required("FunctionName", Kind.string().minLength(1).maxLength(140)).replaces(),
                optional("FunctionScalingConfig", Kind.any()),
                optional("ProvisionedConcurrencyConfig", Kind.object(required("ProvisionedConcurrentExecutions", Kind.integer()))),
                optional("RuntimePolicy", Kind.any())),
                "FunctionArn", "Version");
    }

    /** The version number is drawn here, once the function is known to exist. */
    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure {
        var function = Functions.require(ctx, Values.string(props, "FunctionName"));
        String expected = Values.string(props, "CodeSha256");
        Object actual = function.internal().get("codeSha256");
        if (expected != null && actual != null && !expected.equals(actual)) {
            throw HandlerErrors.invalidRequest(ApiService.LAMBDA, "CodeSHA256 (" + expected
                    + ") you specified does not match the current CodeSHA256 (" + actual + ") of the function.");
        }
        // Peeked, not drawn: a publish refused for authorization must not use up a number.
        long n = records(ctx).peek(function.internal().get("versionSequence").toString());
        return Functions.arn(ctx, function.physicalId()) + ":" + n;
    }

    @Override
    protected String arn(ResourceContext ctx, String versionArn, Map<String, Object> props) {
        return versionArn.substring(0, versionArn.lastIndexOf(':'));
    }

    @Override protected String createAction() { return "lambda:PublishVersion"; }
    @Override protected String updateAction() { return "lambda:PutProvisionedConcurrencyConfig"; }
    @Override protected String deleteAction() { return "lambda:DeleteFunction"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String versionArn, Map<String, Object> props) throws ResourceFailure {
        var function = Functions.require(ctx, Values.string(props, "FunctionName"));
        records(ctx).next(function.internal().get("versionSequence").toString());
        // A version freezes the function as it is now.
        Map<String, Object> snapshot = new HashMap<>();
        snapshot.put("codeSha256", function.internal().getOrDefault("codeSha256", ""));
        snapshot.put("configuration", Values.json(function.properties()));
        snapshot.put("codeSize", function.internal().getOrDefault("codeSize", 0L));
        snapshot.put("lastModified", ctx.state().clock().instant().toString());
        return snapshot;
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String versionArn, Map<String, Object> props, Map<String, Object> previous) {
        int colon = versionArn.lastIndexOf(':');
        return Map.of("FunctionArn", versionArn.substring(0, colon), "Version", versionArn.substring(colon + 1));
    }
}
