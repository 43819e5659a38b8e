package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

/** The server-side encryption an upload asks for (or inherits from its bucket), and how S3 reports it. */
final class SseHeaders {
    static final String ALGORITHM = "x-amz-server-side-encryption";
    static final String KMS_KEY = "x-amz-server-side-encryption-aws-kms-key-id";
    static final String BUCKET_KEY = "x-amz-server-side-encryption-bucket-key-enabled";

    private SseHeaders() {}

    /**
     * The request's encryption headers, or the bucket's default encryption when it sends none;
     * an SSE-KMS key that KMS does not know is refused as S3 refuses it, before anything is written.
     */
    static Encryption resolve(CloudRequest request, Bucket bucket, KmsKeyLookup kmsKeys) {
        Encryption e = resolve(request, bucket);
        if (e != null && e.kms() && e.kmsKeyId() != null) {
            String notFound = kmsKeys.notFound(bucket.ownerAccount(), bucket.region(), e.kmsKeyId());
            if (notFound != null) throw new S3Exception(400, "KMS.NotFoundException", notFound);
        }
        return e;
    }

    private static Encryption resolve(CloudRequest request, Bucket bucket) {
        String algorithm = trim(request.header(ALGORITHM));
        String keyId = trim(request.header(KMS_KEY));
        if (algorithm == null) {
            if (keyId != null) throw kmsHeaderRequired();
            return bucket.defaultEncryption();
        }
        if (!Encryption.knownAlgorithm(algorithm)) {
            throw S3Errors.invalidArgument("The encryption method specified is not supported", ALGORITHM, algorithm);
        }
        if (keyId != null && !algorithm.startsWith("aws:kms")) throw kmsHeaderRequired();
        Encryption bucketDefault = bucket.defaultEncryption();
        if (keyId == null && algorithm.equals(bucketDefault.algorithm())) keyId = bucketDefault.kmsKeyId();
        boolean bucketKey = "true".equalsIgnoreCase(trim(request.header(BUCKET_KEY)))
                || (request.header(BUCKET_KEY) == null && algorithm.equals(bucketDefault.algorithm())
                && bucketDefault.bucketKeyEnabled());
        return new Encryption(algorithm, keyId, bucketKey && algorithm.startsWith("aws:kms"));
    }

    static CloudResponse write(CloudResponse response, Encryption e) {
        if (e == null) return response;
        response.header(ALGORITHM, e.algorithm());
        if (e.kms()) {
            response.header(KMS_KEY, e.kmsKeyId());
            if (e.bucketKeyEnabled()) response.header(BUCKET_KEY, "true");
        }
        return response;
    }

    private static S3Exception kmsHeaderRequired() {
        return S3Errors.invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header "
                + "x-amz-server-side-encryption : aws:kms", KMS_KEY, null);
    }

    private static String trim(String v) { return v == null || v.isBlank() ? null : v.trim(); }
}
