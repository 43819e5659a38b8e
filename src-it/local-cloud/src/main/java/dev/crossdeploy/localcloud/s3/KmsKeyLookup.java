package dev.crossdeploy.localcloud.s3;

/**
 * How S3 asks KMS whether an SSE-KMS key exists, without depending on the KMS package: the KMS
 * module registers itself with {@link S3Store#kmsKeys(KmsKeyLookup)} when it starts.
 */
@FunctionalInterface
public interface KmsKeyLookup {
    /** Every key exists: the cloud runs no KMS. */
    KmsKeyLookup NONE = (account, region, keyRef) -> null;

    /**
     * KMS's NotFoundException text for {@code keyRef} (key id, key ARN, alias name or alias ARN)
     * in the bucket's account and region, or null when the key exists.
     */
    String notFound(String accountId, String region, String keyRef);
}
