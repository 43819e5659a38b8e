package dev.crossdeploy.localcloud.iam;

import dev.crossdeploy.localcloud.auth.Principal;

/**
 * IAM's refusal text as AWS's JSON and query services word it: "User: <arn> is not authorized to
 * perform: <action> on resource: <arn> because ..." (no resource part for actions on "*").
 */
public final class DenialMessage {
    private DenialMessage() {}

    /** The text for an identity-based decision in the caller's own account. */
    public static String of(Principal caller, String action, String resourceArn, Decision decision) {
        return of(caller, action, resourceArn, decision == Decision.EXPLICIT_DENY
                ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + action + " action");
    }

    /** The text with the reason given ({@code why} starts with a space). */
    public static String of(Principal caller, String action, String resourceArn, String why) {
        String on = "*".equals(resourceArn) ? "" : " on resource: " + resourceArn;
        return "User: " + caller.arn() + " is not authorized to perform: " + action + on + why;
    }
}
