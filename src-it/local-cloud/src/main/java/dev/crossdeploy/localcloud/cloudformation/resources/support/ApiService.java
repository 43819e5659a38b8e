package dev.crossdeploy.localcloud.cloudformation.resources.support;

/**
 * An AWS service as a resource handler's SDK names it in error messages
 * ("(Service: DynamoDb, Status Code: 400, ...)"), and the HTTP status its access-denied
 * errors carry.
 */
public enum ApiService {
    IAM("Iam", 403),
    S3("S3", 403),
    DYNAMODB("DynamoDb", 400),
    LAMBDA("Lambda", 403),
    KMS("Kms", 400),
    LOGS("CloudWatchLogs", 400),
    SSM("Ssm", 400),
    API_GATEWAY("ApiGateway", 403),
    CODECOMMIT("CodeCommit", 400),
    CODEBUILD("CodeBuild", 400),
    CODEPIPELINE("CodePipeline", 400),
    EVENTS("EventBridge", 400);

    private final String sdkName;
    private final int accessDeniedStatus;

    ApiService(String sdkName, int accessDeniedStatus) {
        this.sdkName = sdkName;
        this.accessDeniedStatus = accessDeniedStatus;
    }

    public String sdkName() { return sdkName; }

    public int accessDeniedStatus() { return accessDeniedStatus; }
}
