package dev.crossdeploy.testing;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Prepares one deployment account the way the bootstrap stack does, through the real IAM and
 * S3 APIs as that account's root: the deploy role {@code crossdeploy-deploy} trusting the
 * pipeline account, the execution role {@code crossdeploy-cfn-exec} trusting CloudFormation,
 * and the artifact bucket {@code crossdeploy-artifacts-<accountId>-<region>} with its policy.
 * <pre>{@code
 * DeploymentAccount qa = cloud.seed("qa").externalId("s3cr3t-id").apply();
 * }</pre>
 */
public final class AccountSeed {
    public static final String DEPLOY_ROLE = "crossdeploy-deploy";
    public static final String EXECUTION_ROLE = "crossdeploy-cfn-exec";
    public static final String PIPELINE_ACCOUNT = "111111111111";

    private final LocalCloudFixture fixture;
    private final String account;
    private String trustedAccount = PIPELINE_ACCOUNT;
    private String externalId;
    private boolean bucket = true;

    AccountSeed(LocalCloudFixture fixture, String account) {
        this.fixture = fixture;
        this.account = account;
    }

    /** The account the deploy role trusts (default: the pipeline account 111111111111). */
    public AccountSeed trusting(String accountId) { this.trustedAccount = accountId; return this; }

    /** Requires this sts:ExternalId in the deploy role's trust policy. */
    public AccountSeed externalId(String externalId) { this.externalId = externalId; return this; }

    /** Creates the roles only (no artifact bucket). */
    public AccountSeed withoutBucket() { this.bucket = false; return this; }

    /** Creates the account's resources; {@link RequestLog} starts empty after it. */
    public DeploymentAccount apply() {
        String accountId = fixture.accountId(account);
        String region = fixture.region();
        String deployRoleArn = "arn:aws:iam::" + accountId + ":role/" + DEPLOY_ROLE;
        String executionRoleArn = "arn:aws:iam::" + accountId + ":role/" + EXECUTION_ROLE;
        String bucketName = "crossdeploy-artifacts-" + accountId + "-" + region;
        RootClients root = fixture.root(account);
        try (IamClient iam = root.iam()) {
            iam.createRole(r -> r.roleName(DEPLOY_ROLE).assumeRolePolicyDocument(deployTrust()));
            iam.putRolePolicy(r -> r.roleName(DEPLOY_ROLE).policyName("crossdeploy-deploy")
                    .policyDocument(deployPermissions(bucketName, executionRoleArn)));
            iam.createRole(r -> r.roleName(EXECUTION_ROLE).assumeRolePolicyDocument(executionTrust()));
            iam.putRolePolicy(r -> r.roleName(EXECUTION_ROLE).policyName("crossdeploy-cfn-exec")
                    .policyDocument(allowAll()));
        }
        if (bucket) {
            try (S3Client s3 = root.s3()) {
                s3.createBucket(b -> b.bucket(bucketName));
                s3.putBucketPolicy(b -> b.bucket(bucketName).policy(bucketPolicy(bucketName)));
            }
        }
        // Tests look at what the code under test sent, not at the seeding.
        RequestLog.clear();
        return new DeploymentAccount(account, accountId, region, deployRoleArn, executionRoleArn,
                bucket ? bucketName : null, externalId);
    }

    private String deployTrust() {
        String condition = externalId == null ? ""
                : ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + externalId + "\"}}";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + trustedAccount + ":root\"},"
                + "\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }

    private static String executionTrust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudformation.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static String deployPermissions(String bucket, String executionRoleArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"cloudformation:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:AbortMultipartUpload\","
                + "\"s3:ListMultipartUploadParts\"],\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:ListBucketMultipartUploads\",\"s3:GetBucketLocation\"],"
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"kms:DescribeKey\",\"Resource\":\"arn:aws:kms:*:*:key/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"" + executionRoleArn + "\"}]}";
    }

    private static String allowAll() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    }

    /** Refuses plain HTTP, as the bootstrap stack's bucket policy does. */
    private static String bucketPolicy(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TlsOnly\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
    }
}
