package dev.crossdeploy.localcloud.auth;

/**
 * Who made a request: an account's root user, an assumed-role session, an AWS service acting
 * for a stack, or nobody (anonymous). Policies are evaluated against it.
 *
 * @param accountId   the account the caller belongs to; null when anonymous
 * @param arn         the caller's ARN as GetCallerIdentity reports it
 * @param userId      the caller's unique id as GetCallerIdentity reports it
 * @param roleArn     the role's ARN for an assumed-role session, else null
 * @param sessionName the role session name for an assumed-role session, else null
 * @param accessKeyId the access key that signed the request, else null
 */
public record Principal(Kind kind, String accountId, String arn, String userId,
                        String roleArn, String sessionName, String accessKeyId) {

    public enum Kind { ROOT, ASSUMED_ROLE, ANONYMOUS }

    public static Principal root(String accountId, String accessKeyId) {
        return new Principal(Kind.ROOT, accountId, "arn:aws:iam::" + accountId + ":root",
                accountId, null, null, accessKeyId);
    }

    /** The session of {@code roleArn} named {@code sessionName}; {@code roleId} is the role's AROA id. */
    public static Principal assumedRole(String roleArn, String roleId, String sessionName, String accessKeyId) {
        String accountId = Arns.account(roleArn);
        String roleName = Arns.roleName(roleArn);
        return new Principal(Kind.ASSUMED_ROLE, accountId,
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName,
                roleId + ":" + sessionName, roleArn, sessionName, accessKeyId);
    }

    public static Principal anonymous() {
        return new Principal(Kind.ANONYMOUS, null, "*", "anonymous", null, null, null);
    }

    public boolean isRoot() { return kind == Kind.ROOT; }
    public boolean isAnonymous() { return kind == Kind.ANONYMOUS; }
}
