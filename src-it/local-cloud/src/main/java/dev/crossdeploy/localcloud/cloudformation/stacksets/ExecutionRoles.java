package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.iam.Role;

import java.util.Map;
import java.util.Optional;

/**
 * Self-managed permissions: CloudFormation assumes the administration role in the administrator
 * account, which assumes the execution role in the target account; each instance's stack is
 * deployed as that execution role. When either hop is not allowed the instance fails with the
 * reason CloudFormation gives.
 */
final class ExecutionRoles {
    private static final String CLOUDFORMATION = "cloudformation.amazonaws.com";

    /** Whom the target account's stack is deployed as, or why StackSets could not get in. */
    record Access(Principal executor, String failure) {
        boolean allowed() { return failure == null; }
    }

    private final IamStore iam;

    ExecutionRoles(IamStore iam) {
        this.iam = iam;
    }

    Access into(StackSetOperation op, String targetAccount) {
        String adminArn = op.administrationRoleArn;
        String adminName = adminArn.substring(adminArn.lastIndexOf('/') + 1);
        Optional<Role> admin = iam.role(adminArn).filter(r -> iam.trustsService(r.arn(), CLOUDFORMATION));
        if (admin.isEmpty()) {
            return new Access(null, "Account " + op.set.adminAccount + " should have '" + adminName
                    + "' role with trust relationship to CloudFormation service.");
        }
        Principal adminSession = Principal.assumedRole(admin.get().arn(), admin.get().roleId(), "AWSCloudFormationStackSet", null);
        Optional<Role> execution = iam.roleByName(targetAccount, op.executionRoleName)
                .filter(r -> mayAssume(adminSession, r));
        if (execution.isEmpty()) {
            return new Access(null, "Account " + targetAccount + " should have '" + op.executionRoleName
                    + "' role with trust relationship to Role '" + adminName + "'.");
        }
        return new Access(iam.serviceSession(execution.get().arn(), "AWSCloudFormationStackSet"), null);
    }

    /** As STS decides AssumeRole: the trust policy names the caller and, across accounts, its own policy allows it. */
    private boolean mayAssume(Principal caller, Role role) {
        return iam.evaluator().evaluate(caller, "sts:AssumeRole", role.arn(), role.accountId(), role.trustPolicy(), Map.of()).allowed()
                && iam.evaluator().trusts(role, caller, Map.of());
    }
}
