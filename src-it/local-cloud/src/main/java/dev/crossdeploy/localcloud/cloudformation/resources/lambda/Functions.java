package dev.crossdeploy.localcloud.cloudformation.resources.lambda;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;

/** Finds the functions that versions, aliases and permissions refer to by name or ARN. */
final class Functions {
    private Functions() {}

    /** A function reference split into its name and optional qualifier (version or alias). */
    record Ref(String name, String qualifier) {}

    /** Accepts "name", "name:qualifier", "123456789012:function:name" and full ARNs. */
    static Ref parse(String nameOrArn) {
        String s = nameOrArn;
        int fn = s.indexOf("function:");
        if (fn >= 0) s = s.substring(fn + "function:".length());
        int colon = s.indexOf(':');
        return colon < 0 ? new Ref(s, null) : new Ref(s.substring(0, colon), s.substring(colon + 1));
    }

    static String arn(ResourceContext ctx, String name) {
        return "arn:aws:lambda:" + ctx.region() + ":" + ctx.accountId() + ":function:" + name;
    }

    /** The function's record, or Lambda's ResourceNotFoundException. */
    static ResourceRecords.Entry require(ResourceContext ctx, String nameOrArn) throws ResourceFailure {
        Ref ref = parse(nameOrArn);
        return ResourceRecords.of(ctx.state()).get(ctx.accountId(), ctx.region(), FunctionHandler.TYPE, ref.name())
                .orElseThrow(() -> HandlerErrors.service(ApiService.LAMBDA, 404, "NotFound",
                        "Function not found: " + arn(ctx, ref.name())));
    }
}
