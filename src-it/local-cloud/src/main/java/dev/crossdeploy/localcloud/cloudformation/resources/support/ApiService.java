package dev.crossdeploy.localcloud.cloudformation.resources.support;

/**
 * An AWS service as a resource handler's SDK names it in error messages
 * ("(Service: DynamoDb, Status Code: 400, ...)"), and the HTTP status its access-denied
 * errors carry.
 */
public enum ApiService {
    IAM("Iam", 403, "iam"),
    S3("S3", 403, "s3"),
    DYNAMODB("DynamoDb", 400, "dynamodb"),
    LAMBDA("Lambda", 403, "lambda"),
    KMS("Kms", 400, "kms"),
    LOGS("CloudWatchLogs", 400, "logs"),
    SSM("Ssm", 400, "ssm"),
    API_GATEWAY("ApiGateway", 403, "apigateway"),
    CODECOMMIT("CodeCommit", 400, "codecommit"),
    CODEBUILD("CodeBuild", 400, "codebuild"),
    CODEPIPELINE("CodePipeline", 400, "codepipeline"),
    EVENTS("EventBridge", 400, "events");

    private final String sdkName;
    private final int accessDeniedStatus;
    private final String endpointPrefix;

    ApiService(String sdkName, int accessDeniedStatus, String endpointPrefix) {
        this.sdkName = sdkName;
        this.accessDeniedStatus = accessDeniedStatus;
        this.endpointPrefix = endpointPrefix;
    }

    /** The service principal, as iam:PassedToService names it (lambda.amazonaws.com). */
    public String principal() { return endpointPrefix + ".amazonaws.com"; }

    public String sdkName() { return sdkName; }

    public int accessDeniedStatus() { return accessDeniedStatus; }
}
