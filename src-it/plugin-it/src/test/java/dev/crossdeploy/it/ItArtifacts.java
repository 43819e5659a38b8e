package dev.crossdeploy.it;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The artifact buckets of the accounts, as the bootstrap stack names them, and content hashes. */
public final class ItArtifacts {
    private ItArtifacts() {}

    /** The account's artifact bucket, as the bootstrap stack (and cloud.yaml) names it. */
    public static String bucket(String account) {
        return "crossdeploy-artifacts-" + ItCloud.accountId(account) + "-us-east-1";
    }

    /** Every key in the account's artifact bucket. */
    public static List<String> keys(Object port, String account) {
        try (S3Client s3 = ItCloud.s3(port, account)) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket(account))).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    /** The object's bytes' SHA-256 in lower-case hex, as the artifact keys name them. */
    public static String sha256(Object port, String account, String key) throws IOException {
        try (S3Client s3 = ItCloud.s3(port, account);
             InputStream in = s3.getObject(b -> b.bucket(bucket(account)).key(key))) {
            return sha256(in.readAllBytes());
        }
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(File file) throws IOException {
        return sha256(Files.readAllBytes(file.toPath()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
