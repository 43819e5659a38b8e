package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.CloudState;

import java.nio.file.Path;
import java.util.Optional;

/**
 * S3's state: buckets owned by accounts, their settings and objects (kept on disk).
 * PLACEHOLDER — the S3 work replaces the bodies; the public signatures are the contract
 * CloudFormation codes against.
 */
public final class S3Store {
    public S3Store(CloudState state, Path dir) {}

    public void reset() {}

    /** Creates a bucket owned by {@code accountId}; BucketAlreadyExists / BucketAlreadyOwnedByYou / InvalidBucketName. */
    public void createBucket(String accountId, String region, String name) { throw new UnsupportedOperationException(); }

    /** Deletes an empty bucket; NoSuchBucket / BucketNotEmpty. */
    public void deleteBucket(String name) { throw new UnsupportedOperationException(); }

    public boolean exists(String bucket) { return false; }

    public Optional<String> ownerAccount(String bucket) { return Optional.empty(); }

    public Optional<String> region(String bucket) { return Optional.empty(); }

    public void putBucketPolicy(String bucket, String policyJson) { throw new UnsupportedOperationException(); }

    public void deleteBucketPolicy(String bucket) { throw new UnsupportedOperationException(); }

    public void setVersioning(String bucket, boolean enabled) { throw new UnsupportedOperationException(); }

    public void setPublicAccessBlock(String bucket, boolean blockPublicAcls, boolean ignorePublicAcls,
                                     boolean blockPublicPolicy, boolean restrictPublicBuckets) {
        throw new UnsupportedOperationException();
    }

    /** Default encryption: "AES256" or "aws:kms" with an optional key id. */
    public void setDefaultEncryption(String bucket, String sseAlgorithm, String kmsKeyId) {
        throw new UnsupportedOperationException();
    }

    public boolean objectExists(String bucket, String key) { return false; }

    /** The object's bytes when it exists and is at most {@code maxBytes} long. */
    public Optional<byte[]> readObject(String bucket, String key, int maxBytes) { return Optional.empty(); }
}
