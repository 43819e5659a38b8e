package dev.crossdeploy.localcloud.iam;

import dev.crossdeploy.localcloud.auth.Principal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a principal may perform an action on a resource, following IAM's order:
 * an explicit Deny anywhere wins; within one account an Allow from the identity policies or
 * from a resource policy naming the principal suffices; across accounts both the identity
 * policies and the resource policy must allow. An account's root user is allowed everything in
 * its own account.
 */
public final class PolicyEvaluator {
    private final IamStore iam;

    PolicyEvaluator(IamStore iam) { this.iam = iam; }

    /**
     * @param resourceAccount the account owning the resource
     * @param resourcePolicy  the resource's policy (bucket policy, trust policy), or null
     * @param context         condition keys for this request (aws:SecureTransport, sts:ExternalId, ...)
     */
    public Decision evaluate(Principal caller, String action, String resourceArn, String resourceAccount,
                             PolicyDocument resourcePolicy, Map<String, String> context) {
        Map<String, String> ctx = withGlobalKeys(caller, context);
        List<PolicyDocument> identity = identityPolicies(caller);

        boolean identityAllows = caller.isRoot();
        for (PolicyDocument doc : identity) {
            for (PolicyDocument.Statement s : doc.statements()) {
                if (!applies(s, action, resourceArn, ctx)) continue;
                if (!s.allow()) return Decision.EXPLICIT_DENY;
                identityAllows = true;
            }
        }
        boolean resourceAllows = false;
        boolean resourceNamesPrincipal = false;
        if (resourcePolicy != null) {
            for (PolicyDocument.Statement s : resourcePolicy.statements()) {
                PrincipalMatch m = matchPrincipal(s, caller);
                if (m == PrincipalMatch.NONE || !applies(s, action, resourceArn, ctx)) continue;
                if (!s.allow()) return Decision.EXPLICIT_DENY;
                resourceAllows = true;
                if (m == PrincipalMatch.SPECIFIC) resourceNamesPrincipal = true;
            }
        }
        if (caller.isAnonymous()) {
            return resourceNamesPrincipal ? Decision.ALLOW : Decision.IMPLICIT_DENY;
        }
        boolean sameAccount = caller.accountId().equals(resourceAccount);
        boolean allowed = sameAccount
                ? identityAllows || resourceNamesPrincipal
                : identityAllows && resourceAllows;
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** Does the role's trust policy allow {@code caller} to sts:AssumeRole with these context keys? */
    public boolean trusts(Role role, Principal caller, Map<String, String> context) {
        Map<String, String> ctx = withGlobalKeys(caller, context);
        boolean allowed = false;
        for (PolicyDocument.Statement s : role.trustPolicy().statements()) {
            if (matchPrincipal(s, caller) == PrincipalMatch.NONE) continue;
            if (!applies(s, "sts:AssumeRole", role.arn(), ctx)) continue;
            if (!s.allow()) return false;
            allowed = true;
        }
        return allowed;
    }

    /** Does the role trust an AWS service principal such as cloudformation.amazonaws.com? */
    public boolean trustsService(Role role, String servicePrincipal) {
        boolean allowed = false;
        for (PolicyDocument.Statement s : role.trustPolicy().statements()) {
            List<String> services = s.principals().getOrDefault("Service", List.of());
            if (!services.contains(servicePrincipal) && !s.anyPrincipal()) continue;
            if (!s.matchesAction("sts:AssumeRole")) continue;
            if (!s.allow()) return false;
            allowed = true;
        }
        return allowed;
    }

    private List<PolicyDocument> identityPolicies(Principal caller) {
        if (caller.kind() != Principal.Kind.ASSUMED_ROLE) return List.of();
        return iam.role(caller.roleArn()).map(iam::identityPolicies).orElse(List.of());
    }

    private static boolean applies(PolicyDocument.Statement s, String action, String resource, Map<String, String> ctx) {
        return s.matchesAction(action) && s.matchesResource(resource) && Conditions.hold(s.conditions(), ctx);
    }

    private enum PrincipalMatch { NONE, ACCOUNT, SPECIFIC }

    private static PrincipalMatch matchPrincipal(PolicyDocument.Statement s, Principal caller) {
        if (s.anyPrincipal()) return PrincipalMatch.SPECIFIC;
        if (caller.isAnonymous()) return PrincipalMatch.NONE;
        PrincipalMatch best = PrincipalMatch.NONE;
        for (String p : s.principals().getOrDefault("AWS", List.of())) {
            if (p.equals(caller.accountId()) || p.equals("arn:aws:iam::" + caller.accountId() + ":root")) {
                if (best == PrincipalMatch.NONE) best = PrincipalMatch.ACCOUNT;
            } else if (p.equals(caller.arn())
                    || caller.roleArn() != null && sameRole(p, caller.roleArn())) {
                best = PrincipalMatch.SPECIFIC;
            }
        }
        return best;
    }

    private static boolean sameRole(String principalArn, String roleArn) {
        if (principalArn.equals(roleArn)) return true;
        // Principal ARNs in policies name a role by account and name; paths may differ.
        return dev.crossdeploy.localcloud.auth.Arns.isRoleArn(principalArn)
                && dev.crossdeploy.localcloud.auth.Arns.account(principalArn).equals(dev.crossdeploy.localcloud.auth.Arns.account(roleArn))
                && dev.crossdeploy.localcloud.auth.Arns.roleName(principalArn).equals(dev.crossdeploy.localcloud.auth.Arns.roleName(roleArn));
    }

    private static Map<String, String> withGlobalKeys(Principal caller, Map<String, String> context) {
        Map<String, String> ctx = new HashMap<>(context);
        if (!caller.isAnonymous()) {
            ctx.putIfAbsent("aws:PrincipalAccount", caller.accountId());
            ctx.putIfAbsent("aws:PrincipalArn", caller.roleArn() != null ? caller.roleArn() : caller.arn());
            ctx.putIfAbsent("aws:userid", caller.userId());
        }
        return ctx;
    }
}
