package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Arns;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;

import java.util.Map;

/** The IAM checks of CloudFormation calls: may the caller act on a stack, may it hand CloudFormation a role. */
final class Permissions {
    private final CloudState state;

    Permissions(CloudState state) {
        this.state = state;
    }

    void authorize(Principal caller, String action, String resourceArn) {
        String account = resourceArn.equals("*") ? caller.accountId() : Arns.account(resourceArn);
        if (!state.iam().evaluator().evaluate(caller, action, resourceArn, account, null, Map.of()).allowed()) {
            throw AwsException.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + action
                    + " on resource: " + resourceArn + " because no identity-based policy allows the " + action + " action");
        }
    }

    /** The caller may pass the role, and the role lets CloudFormation assume it. */
    void checkRole(Principal c, String roleArn) {
        if (!state.iam().canPassRole(c, roleArn, "cloudformation.amazonaws.com") || !state.iam().trustsService(roleArn, "cloudformation.amazonaws.com")) {
            throw AwsException.validation("Role " + roleArn + " is invalid or cannot be assumed");
        }
    }

    /** Whom CloudFormation acts as: a session of the stack's service role, or else the caller. */
    Principal actingAs(Principal caller, String roleArn) {
        return roleArn == null ? caller : state.iam().serviceSession(roleArn, "AWSCloudFormation");
    }
}
