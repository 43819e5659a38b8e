package dev.crossdeploy.localcloud.s3;

/** The S3 errors the local cloud answers, with AWS's codes, statuses and message texts. */
public final class S3Errors {
    private S3Errors() {}

    public static S3Exception noSuchBucket(String bucket) {
        return new S3Exception(404, "NoSuchBucket", "The specified bucket does not exist").detail("BucketName", bucket);
    }

    public static S3Exception noSuchKey(String key) {
        return new S3Exception(404, "NoSuchKey", "The specified key does not exist.").detail("Key", key);
    }

    public static S3Exception noSuchUpload(String uploadId) {
        return new S3Exception(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, "
                + "or the upload may have been aborted or completed.").detail("UploadId", uploadId);
    }

    public static S3Exception bucketAlreadyExists(String bucket) {
        return new S3Exception(409, "BucketAlreadyExists", "The requested bucket name is not available. The bucket "
                + "namespace is shared by all users of the system. Please select a different name and try again.")
                .detail("BucketName", bucket);
    }

    public static S3Exception bucketAlreadyOwnedByYou(String bucket) {
        return new S3Exception(409, "BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.")
                .detail("BucketName", bucket);
    }

    public static S3Exception invalidBucketName(String bucket) {
        return new S3Exception(400, "InvalidBucketName", "The specified bucket is not valid.").detail("BucketName", bucket);
    }

    public static S3Exception bucketNotEmpty(String bucket) {
        return new S3Exception(409, "BucketNotEmpty", "The bucket you tried to delete is not empty").detail("BucketName", bucket);
    }

    public static S3Exception noSuchBucketPolicy(String bucket) {
        return new S3Exception(404, "NoSuchBucketPolicy", "The bucket policy does not exist").detail("BucketName", bucket);
    }

    public static S3Exception malformedPolicy(String message) {
        return new S3Exception(400, "MalformedPolicy", message);
    }

    public static S3Exception noSuchPublicAccessBlock(String bucket) {
        return new S3Exception(404, "NoSuchPublicAccessBlockConfiguration",
                "The public access block configuration was not found").detail("BucketName", bucket);
    }

    public static S3Exception accessDenied() {
        return new S3Exception(403, "AccessDenied", "Access Denied");
    }

    public static S3Exception methodNotAllowed(String method, String resourceType) {
        return new S3Exception(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
                .detail("Method", method).detail("ResourceType", resourceType);
    }

    public static S3Exception malformedXml() {
        return new S3Exception(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static S3Exception invalidArgument(String message, String name, String value) {
        return new S3Exception(400, "InvalidArgument", message).detail("ArgumentName", name).detail("ArgumentValue", value);
    }

    public static S3Exception invalidRequest(String message) {
        return new S3Exception(400, "InvalidRequest", message);
    }

    public static S3Exception invalidRange(String range, long size) {
        return new S3Exception(416, "InvalidRange", "The requested range is not satisfiable")
                .detail("RangeRequested", range).detail("ActualObjectSize", Long.toString(size))
                .header("Content-Range", "bytes */" + size);
    }

    public static S3Exception badDigestMd5(String expected, String calculated) {
        return new S3Exception(400, "BadDigest", "The Content-MD5 you specified did not match what we received.")
                .detail("ExpectedDigest", expected).detail("CalculatedDigest", calculated);
    }

    public static S3Exception badChecksum(String algorithm) {
        return new S3Exception(400, "BadDigest", "The " + algorithm + " you specified did not match the calculated checksum.");
    }

    public static S3Exception invalidDigest(String value) {
        return new S3Exception(400, "InvalidDigest", "The Content-MD5 you specified is not valid.").detail("Content-MD5", value);
    }

    public static S3Exception contentSha256Mismatch(String claimed, String computed) {
        return new S3Exception(400, "XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.")
                .detail("ClientComputedContentSHA256", claimed).detail("S3ComputedContentSHA256", computed);
    }

    public static S3Exception incompleteBody() {
        return new S3Exception(400, "IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header");
    }

    public static S3Exception entityTooSmall(long size) {
        return new S3Exception(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
                .detail("ProposedSize", Long.toString(size)).detail("MinSizeAllowed", Long.toString(S3Store.MIN_PART_SIZE));
    }

    public static S3Exception invalidPart(int partNumber, String etag) {
        return new S3Exception(400, "InvalidPart", "One or more of the specified parts could not be found.  The part may "
                + "not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                .detail("PartNumber", Integer.toString(partNumber)).detail("ETag", etag);
    }

    public static S3Exception invalidPartOrder() {
        return new S3Exception(400, "InvalidPartOrder", "The list of parts was not in ascending order. The parts list "
                + "must be specified in order by part number.");
    }

    public static S3Exception preconditionFailed(String condition) {
        return new S3Exception(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
                .detail("Condition", condition);
    }

    public static S3Exception notImplemented() {
        return new S3Exception(501, "NotImplemented", "A header you provided implies functionality that is not implemented");
    }

    public static S3Exception internalError() {
        return new S3Exception(500, "InternalError", "We encountered an internal error. Please try again.");
    }
}
