package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Integrity checks on uploads: the SDK's default aws-chunked checksum, explicit checksums, Content-MD5. */
class S3ChecksumTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private S3Client s3;

    @BeforeEach
    void bucket() {
        s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("sums"));
    }

    private static void badDigest(Throwable t, String message) {
        assertThat(t).isInstanceOf(S3Exception.class);
        S3Exception e = (S3Exception) t;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    @Test
    void theSdksDefaultChunkedUploadIsDecodedAndItsTrailingCrc32Kept() {
        // 1 MiB goes out as many signed aws-chunked chunks with a CRC32 trailer.
        byte[] data = new byte[1024 * 1024 + 17];
        new Random(3).nextBytes(data);
        var put = s3.putObject(b -> b.bucket("sums").key("default"), RequestBody.fromBytes(data));
        String crc = Base64.getEncoder().encodeToString(ChecksumAlgorithm.CRC32.of(data));
        assertThat(put.checksumCRC32()).isEqualTo(crc);
        var got = s3.getObjectAsBytes(b -> b.bucket("sums").key("default").checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().checksumCRC32()).isEqualTo(crc);
        assertThat(got.response().contentLength()).isEqualTo(data.length);
    }

    @Test
    void explicitChecksumsAreVerified() throws Exception {
        byte[] data = "checked".getBytes(StandardCharsets.UTF_8);
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        var put = s3.putObject(b -> b.bucket("sums").key("sha").checksumSHA256(sha), RequestBody.fromBytes(data));
        assertThat(put.checksumSHA256()).isEqualTo(sha);
        assertThat(s3.headObject(b -> b.bucket("sums").key("sha").checksumMode(ChecksumMode.ENABLED)).checksumSHA256())
                .isEqualTo(sha);

        String wrongSha = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("sums").key("bad-sha").checksumSHA256(wrongSha), RequestBody.fromBytes(data)))
                .satisfies(t -> badDigest(t, "The SHA256 you specified did not match the calculated checksum."));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("sums").key("bad-crc").checksumCRC32("AAAAAA=="), RequestBody.fromBytes(data)))
                .satisfies(t -> badDigest(t, "The CRC32 you specified did not match the calculated checksum."));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("sums").key("bad-crcc").checksumCRC32C("AAAAAA=="), RequestBody.fromBytes(data)))
                .satisfies(t -> badDigest(t, "The CRC32C you specified did not match the calculated checksum."));
        assertThat(cloud.cloud().state().s3().objectExists("sums", "bad-sha")).isFalse();
        assertThat(cloud.cloud().state().s3().objectExists("sums", "bad-crc")).isFalse();
    }

    @Test
    void aChecksumValueWithItsAlgorithmNamedIsAccepted() throws Exception {
        // The SDK then sends the value as a header and also announces it in x-amz-trailer.
        byte[] data = "precomputed".getBytes(StandardCharsets.UTF_8);
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        var put = s3.putObject(b -> b.bucket("sums").key("named").checksumAlgorithm(
                software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256).checksumSHA256(sha), RequestBody.fromBytes(data));
        assertThat(put.checksumSHA256()).isEqualTo(sha);
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("sums").key("named-bad").checksumAlgorithm(
                software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256).checksumSHA256(wrong), RequestBody.fromBytes(data)))
                .satisfies(t -> badDigest(t, "The SHA256 you specified did not match the calculated checksum."));
    }

    @Test
    void crc32cAndSha1AreComputedAsAws() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(ChecksumAlgorithm.CRC32.of(data)).isEqualTo(new byte[] {(byte) 0xCB, (byte) 0xF4, 0x39, 0x26});
        assertThat(ChecksumAlgorithm.CRC32C.of(data)).isEqualTo(new byte[] {(byte) 0xE3, 0x06, (byte) 0x92, (byte) 0x83});
        assertThat(java.util.HexFormat.of().formatHex(ChecksumAlgorithm.CRC64NVME.of(data))).isEqualTo("ae8b14860a799888");
    }

    @Test
    void contentMd5IsVerified() throws Exception {
        byte[] data = "md5 checked".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        s3.putObject(b -> b.bucket("sums").key("md5").contentMD5(md5), RequestBody.fromBytes(data));

        String other = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest("x".getBytes()));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("sums").key("bad-md5").contentMD5(other), RequestBody.fromBytes(data)))
                .satisfies(t -> badDigest(t, "The Content-MD5 you specified did not match what we received."));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("sums").key("bad-md5").contentMD5("not-an-md5"), RequestBody.fromBytes(data)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDigest");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The Content-MD5 you specified is not valid.");
                });
        assertThat(cloud.cloud().state().s3().objectExists("sums", "bad-md5")).isFalse();
    }

    @Test
    void uploadPartChecksumsAreVerifiedToo() {
        String id = s3.createMultipartUpload(b -> b.bucket("sums").key("mp")).uploadId();
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket("sums").key("mp").uploadId(id).partNumber(1)
                .checksumCRC32("AAAAAA=="), RequestBody.fromString("part")))
                .satisfies(t -> badDigest(t, "The CRC32 you specified did not match the calculated checksum."));
        assertThat(s3.listParts(b -> b.bucket("sums").key("mp").uploadId(id)).parts()).isEmpty();
    }
}
