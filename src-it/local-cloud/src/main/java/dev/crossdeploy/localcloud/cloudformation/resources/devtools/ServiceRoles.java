package dev.crossdeploy.localcloud.cloudformation.resources.devtools;

import dev.crossdeploy.localcloud.auth.Arns;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Access;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;

/** The role a build or pipeline service runs as: passed by the caller, trusted by the service. */
final class ServiceRoles {
    private ServiceRoles() {}

    /** A role name or ARN as the template gives it, as an ARN in the stack's account. */
    static String arn(ResourceContext ctx, String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) return nameOrArn;
        return ctx.state().iam().roleByName(ctx.accountId(), nameOrArn).map(r -> r.arn())
                .orElse("arn:aws:iam::" + ctx.accountId() + ":role/" + nameOrArn);
    }

    static void requirePass(ResourceContext ctx, ApiService service, String roleArn) throws ResourceFailure {
        Access.requirePassRole(ctx, service, roleArn);
    }

    static boolean trusts(ResourceContext ctx, String roleArn, String servicePrincipal) {
        return ctx.state().iam().trustsService(roleArn, servicePrincipal);
    }
}
