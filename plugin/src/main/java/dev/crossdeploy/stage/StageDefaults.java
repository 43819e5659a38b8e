package dev.crossdeploy.stage;

/** The names the bootstrap stack gives a deployment account's roles and bucket. */
public final class StageDefaults {
    public static final String DEPLOY_ROLE_NAME = "crossdeploy-deploy";
    public static final String EXECUTION_ROLE_NAME = "crossdeploy-cfn-exec";

    private StageDefaults() {}

    public static String deployRoleArn(String accountId) { return roleArn(accountId, DEPLOY_ROLE_NAME); }

    public static String executionRoleArn(String accountId) { return roleArn(accountId, EXECUTION_ROLE_NAME); }

    public static String artifactBucket(String accountId, String region) {
        return "crossdeploy-artifacts-" + accountId + "-" + region;
    }

    private static String roleArn(String accountId, String name) {
        return "arn:aws:iam::" + accountId + ":role/" + name;
    }
}
