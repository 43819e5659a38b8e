package dev.crossdeploy.localcloud.cloudformation.resources.support;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.DenialMessage;

import java.util.Map;

/**
 * Checks that the identity CloudFormation acts as may call a service API, as the service would
 * before doing what a resource handler asks; a refusal carries the service's access-denied text.
 */
public final class Access {
    private Access() {}

    /** Requires {@code action} on {@code resourceArn}, a resource of the stack's account. */
    public static void require(ResourceContext ctx, ApiService service, String action, String resourceArn)
            throws ResourceFailure {
        require(ctx, service, action, resourceArn, ctx.accountId());
    }

    public static void require(ResourceContext ctx, ApiService service, String action, String resourceArn,
                               String resourceAccount) throws ResourceFailure {
        require(ctx, service, action, resourceArn, resourceAccount, Map.of());
    }

    /** Requires iam:PassRole on {@code roleArn} for handing it to {@code service}, as IAM evaluates it. */
    public static void requirePassRole(ResourceContext ctx, ApiService service, String roleArn) throws ResourceFailure {
        require(ctx, service, "iam:PassRole", roleArn, dev.crossdeploy.localcloud.auth.Arns.account(roleArn),
                Map.of("iam:PassedToService", service.principal()));
    }

    private static void require(ResourceContext ctx, ApiService service, String action, String resourceArn,
                                String resourceAccount, Map<String, String> context) throws ResourceFailure {
        Principal who = ctx.actingAs();
        Decision d = ctx.state().iam().evaluator().evaluate(who, action, resourceArn, resourceAccount, null, context);
        if (d.allowed()) return;
        throw HandlerErrors.service(service, service.accessDeniedStatus(), "AccessDenied",
                deniedMessage(service, who, action, resourceArn, d));
    }

    static String deniedMessage(ApiService service, Principal who, String action, String resourceArn, Decision d) {
        if (service == ApiService.S3) return "Access Denied";
        return DenialMessage.of(who, action, resourceArn, d);
    }
}
