package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;

import java.util.Map;

/** May the caller run this StackSets action on this stack set (IAM, as for every CloudFormation call)? */
final class StackSetPermissions {
    private final CloudState state;

    StackSetPermissions(CloudState state) {
        this.state = state;
    }

    void authorize(Principal caller, String action, String resourceArn) {
        if (!state.iam().evaluator().evaluate(caller, action, resourceArn, caller.accountId(), null, Map.of()).allowed()) {
            throw AwsException.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + action
                    + " on resource: " + resourceArn + " because no identity-based policy allows the " + action + " action");
        }
    }

    /** The ARN a set of this name would have, for calls on a set that may not exist. */
    static String arnPattern(Principal caller, String region, String name) {
        return "arn:aws:cloudformation:" + region + ":" + caller.accountId() + ":stackset/" + name + ":*";
    }
}
