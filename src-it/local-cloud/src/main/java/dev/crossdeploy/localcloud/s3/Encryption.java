package dev.crossdeploy.localcloud.s3;

/**
 * Server-side encryption of an object or a bucket's default: {@code AES256} (SSE-S3) or
 * {@code aws:kms} / {@code aws:kms:dsse} with an optional KMS key id. Nothing is encrypted
 * here; the setting is recorded and reported as S3 would.
 */
public record Encryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled) {
    public static final Encryption SSE_S3 = new Encryption("AES256", null, false);

    public boolean kms() { return algorithm.startsWith("aws:kms"); }

    static boolean knownAlgorithm(String algorithm) {
        return "AES256".equals(algorithm) || "aws:kms".equals(algorithm) || "aws:kms:dsse".equals(algorithm);
    }
}
