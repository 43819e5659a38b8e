package dev.crossdeploy.localcloud.auth;

/** Small helpers for the parts of ARNs the local cloud needs. */
public final class Arns {
    private Arns() {}

    /** The account field of an ARN ("arn:aws:iam::123:role/x" → "123"), or "" when absent. */
    public static String account(String arn) {
        String[] p = arn.split(":", 6);
        return p.length > 4 ? p[4] : "";
    }

    /** The service field of an ARN. */
    public static String service(String arn) {
        String[] p = arn.split(":", 6);
        return p.length > 2 ? p[2] : "";
    }

    /** The resource part after the fifth colon. */
    public static String resource(String arn) {
        String[] p = arn.split(":", 6);
        return p.length > 5 ? p[5] : "";
    }

    /** The role name of a role ARN, without its path ("role/a/b/name" → "name"). */
    public static String roleName(String roleArn) {
        String res = resource(roleArn);
        return res.substring(res.lastIndexOf('/') + 1);
    }

    public static String role(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":role" + (path == null || path.isEmpty() ? "/" : path) + name;
    }

    public static boolean isRoleArn(String arn) {
        return arn != null && arn.matches("arn:aws:iam::\\d{12}:role/.+");
    }
}
