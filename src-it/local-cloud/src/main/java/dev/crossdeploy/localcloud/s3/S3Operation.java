package dev.crossdeploy.localcloud.s3;

/**
 * The S3 operations the local cloud answers, each with the IAM action that authorizes it and
 * whether its resource is the bucket or an object. {@link #name()} is the AWS operation name
 * that fault rules match.
 */
public enum S3Operation {
    ListBuckets("s3:ListAllMyBuckets", Scope.SERVICE),
    CreateBucket("s3:CreateBucket", Scope.SERVICE),
    DeleteBucket("s3:DeleteBucket", Scope.BUCKET),
    HeadBucket("s3:ListBucket", Scope.BUCKET),
    GetBucketLocation("s3:GetBucketLocation", Scope.BUCKET),
    ListObjectsV2("s3:ListBucket", Scope.BUCKET),
    ListObjects("s3:ListBucket", Scope.BUCKET),
    ListMultipartUploads("s3:ListBucketMultipartUploads", Scope.BUCKET),
    PutBucketPolicy("s3:PutBucketPolicy", Scope.BUCKET),
    GetBucketPolicy("s3:GetBucketPolicy", Scope.BUCKET),
    DeleteBucketPolicy("s3:DeleteBucketPolicy", Scope.BUCKET),
    PutBucketVersioning("s3:PutBucketVersioning", Scope.BUCKET),
    GetBucketVersioning("s3:GetBucketVersioning", Scope.BUCKET),
    PutPublicAccessBlock("s3:PutBucketPublicAccessBlock", Scope.BUCKET),
    GetPublicAccessBlock("s3:GetBucketPublicAccessBlock", Scope.BUCKET),
    DeletePublicAccessBlock("s3:PutBucketPublicAccessBlock", Scope.BUCKET),
    PutBucketEncryption("s3:PutEncryptionConfiguration", Scope.BUCKET),
    GetBucketEncryption("s3:GetEncryptionConfiguration", Scope.BUCKET),
    DeleteBucketEncryption("s3:PutEncryptionConfiguration", Scope.BUCKET),
    PutBucketTagging("s3:PutBucketTagging", Scope.BUCKET),
    GetBucketTagging("s3:GetBucketTagging", Scope.BUCKET),
    DeleteBucketTagging("s3:PutBucketTagging", Scope.BUCKET),
    /** Multi-object delete: each key is authorized as s3:DeleteObject. */
    DeleteObjects("s3:DeleteObject", Scope.BUCKET),
    PutObject("s3:PutObject", Scope.OBJECT),
    CopyObject("s3:PutObject", Scope.OBJECT),
    GetObject("s3:GetObject", Scope.OBJECT),
    HeadObject("s3:GetObject", Scope.OBJECT),
    DeleteObject("s3:DeleteObject", Scope.OBJECT),
    CreateMultipartUpload("s3:PutObject", Scope.OBJECT),
    UploadPart("s3:PutObject", Scope.OBJECT),
    CompleteMultipartUpload("s3:PutObject", Scope.OBJECT),
    AbortMultipartUpload("s3:AbortMultipartUpload", Scope.OBJECT),
    ListParts("s3:ListMultipartUploadParts", Scope.OBJECT),
    /** A request S3 has but the local cloud does not (answers NotImplemented). */
    Unsupported(null, Scope.SERVICE),
    /** A method S3 does not allow on the resource (answers MethodNotAllowed). */
    NotAllowed(null, Scope.SERVICE);

    /** What a request's IAM authorization is checked against. */
    public enum Scope { SERVICE, BUCKET, OBJECT }

    private final String iamAction;
    private final Scope scope;

    S3Operation(String iamAction, Scope scope) {
        this.iamAction = iamAction;
        this.scope = scope;
    }

    public String iamAction() { return iamAction; }

    public Scope scope() { return scope; }
}
