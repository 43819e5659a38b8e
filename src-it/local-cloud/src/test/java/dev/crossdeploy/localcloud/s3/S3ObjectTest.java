package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Single-object operations through the real SDK: what goes in comes out, with S3's headers. */
class S3ObjectTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private S3Client s3;

    @BeforeEach
    void bucket() {
        s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("artifacts"));
    }

    @Test
    void putThenGetReturnsTheBytesWithMd5EtagTypeAndMetadata() throws Exception {
        byte[] data = "hello, local cloud".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = s3.putObject(b -> b.bucket("artifacts").key("dir/app.zip").contentType("application/zip")
                .metadata(Map.of("sha256", "abc", "Build", "42")), RequestBody.fromBytes(data));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        assertThat(put.eTag()).isEqualTo("\"" + md5 + "\"");

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("artifacts").key("dir/app.zip"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().eTag()).isEqualTo("\"" + md5 + "\"");
        assertThat(got.response().contentType()).isEqualTo("application/zip");
        assertThat(got.response().contentLength()).isEqualTo(data.length);
        assertThat(got.response().metadata()).containsEntry("sha256", "abc").containsEntry("build", "42");
        assertThat(got.response().lastModified()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void headReportsSizeAndEtagWithoutBody() {
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("0123456789"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket("artifacts").key("k"));
        assertThat(head.contentLength()).isEqualTo(10);
        assertThat(head.eTag()).startsWith("\"").endsWith("\"");
        assertThat(head.acceptRanges()).isEqualTo("bytes");
    }

    @Test
    void missingKeyIsNoSuchKeyAndHeadIs404() {
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("artifacts").key("absent")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("artifacts").key("absent")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void rangeGetReturnsThePartAsked() {
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("0123456789"));
        var part = s3.getObjectAsBytes(b -> b.bucket("artifacts").key("k").range("bytes=2-5"));
        assertThat(part.asUtf8String()).isEqualTo("2345");
        assertThat(part.response().contentRange()).isEqualTo("bytes 2-5/10");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("artifacts").key("k").range("bytes=-3")).asUtf8String()).isEqualTo("789");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("artifacts").key("k").range("bytes=7-")).asUtf8String()).isEqualTo("789");
    }

    @Test
    void rangeBeyondTheObjectIsInvalidRange416() {
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("0123456789"));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("artifacts").key("k").range("bytes=10-20")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The requested range is not satisfiable");
                });
    }

    @Test
    void deleteRemovesTheObjectAndIsIdempotent() {
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket("artifacts").key("k"));
        s3.deleteObject(b -> b.bucket("artifacts").key("k"));
        assertThat(cloud.cloud().state().s3().objectExists("artifacts", "k")).isFalse();
    }

    @Test
    void deleteObjectsRemovesEachKeyAndReportsThem() {
        for (String k : new String[] {"a", "b", "c"}) s3.putObject(b -> b.bucket("artifacts").key(k), RequestBody.fromString(k));
        var result = s3.deleteObjects(b -> b.bucket("artifacts").delete(d -> d.objects(
                software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key("a").build(),
                software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key("c").build(),
                software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key("never-there").build())));
        assertThat(result.deleted()).extracting(d -> d.key()).containsExactly("a", "c", "never-there");
        assertThat(result.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket("artifacts")).contents()).extracting(o -> o.key()).containsExactly("b");
    }

    @Test
    void conditionalGetsFollowEtagsAndDates() {
        String etag = s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("x")).eTag();
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("artifacts").key("k").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("artifacts").key("k").ifMatch("\"other\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("At least one of the pre-conditions you specified did not hold");
                });
        assertThat(s3.getObjectAsBytes(b -> b.bucket("artifacts").key("k").ifMatch(etag)).asUtf8String()).isEqualTo("x");
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("artifacts").key("k").ifModifiedSince(Instant.now().plusSeconds(60))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("artifacts").key("k").ifUnmodifiedSince(Instant.now().minusSeconds(3600))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void overwriteReplacesTheObject() {
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("first"));
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("second"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("artifacts").key("k")).asUtf8String()).isEqualTo("second");
    }

    @Test
    void keysWithSpacesPlusAndUnicodeRoundTrip() {
        String key = "a b/c+d/é ü.txt";
        s3.putObject(b -> b.bucket("artifacts").key(key), RequestBody.fromString("x"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("artifacts").key(key)).asUtf8String()).isEqualTo("x");
        assertThat(s3.listObjectsV2(b -> b.bucket("artifacts")).contents()).extracting(o -> o.key()).containsExactly(key);
    }

    @Test
    void keysLongerThan1024BytesAreRefused() {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("artifacts").key("k".repeat(1025)), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyTooLongError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Your key is too long");
                });
    }

    @Test
    void listingOrderIsUtf8ByteOrder() {
        // U+FF21 sorts before U+1F600 in UTF-8, though not in Java's UTF-16 order.
        for (String key : new String[] {"\uD83D\uDE00", "\uFF21", "z"}) {
            s3.putObject(b -> b.bucket("artifacts").key(key), RequestBody.fromString("x"));
        }
        assertThat(s3.listObjectsV2(b -> b.bucket("artifacts")).contents()).extracting(o -> o.key())
                .containsExactly("z", "\uFF21", "\uD83D\uDE00");
    }

    @Test
    void emptyObjectRoundTrips() {
        s3.putObject(b -> b.bucket("artifacts").key("empty"), RequestBody.empty());
        var got = s3.getObjectAsBytes(b -> b.bucket("artifacts").key("empty"));
        assertThat(got.asByteArray()).isEmpty();
        assertThat(got.response().eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    @Test
    void defaultUploadStoresTheSdkChecksumAndReturnsItWhenAsked() {
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("checksummed"));
        var got = s3.getObject(b -> b.bucket("artifacts").key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(got.response().checksumCRC32()).isNotBlank();
        var head = s3.headObject(b -> b.bucket("artifacts").key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(got.response().checksumCRC32());
    }

    @Test
    void sseHeadersAreStoredAndReturned() {
        String keyArn = cloud.as("staging").kms().createKey(r -> {}).keyMetadata().arn();
        PutObjectResponse put = s3.putObject(b -> b.bucket("artifacts").key("kms")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn),
                RequestBody.fromString("x"));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(keyArn);
        HeadObjectResponse head = s3.headObject(b -> b.bucket("artifacts").key("kms"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(keyArn);
        var get = s3.getObject(b -> b.bucket("artifacts").key("kms")).response();
        assertThat(get.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    }

    @Test
    void bucketDefaultEncryptionAppliesWhenTheRequestNamesNone() {
        String keyId = cloud.as("staging").kms().createKey(r -> {}).keyMetadata().keyId();
        PutObjectResponse plain = s3.putObject(b -> b.bucket("artifacts").key("a"), RequestBody.fromString("x"));
        assertThat(plain.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        s3.putBucketEncryption(b -> b.bucket("artifacts").serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(keyId)))));
        PutObjectResponse put = s3.putObject(b -> b.bucket("artifacts").key("b"), RequestBody.fromString("x"));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(keyId);
        assertThat(s3.headObject(b -> b.bucket("artifacts").key("b")).ssekmsKeyId()).isEqualTo(keyId);
    }

    @Test
    void unknownEncryptionIsInvalidArgument() {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("artifacts").key("k").serverSideEncryption("rot13"),
                RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The encryption method specified is not supported");
                });
    }

    @Test
    void putIntoMissingBucketIsNoSuchBucket() {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("nope-bucket").key("k"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist"));
    }

    @Test
    void copyObjectCopiesBytesAndMetadata() {
        s3.putObject(b -> b.bucket("artifacts").key("src").metadata(Map.of("a", "1")), RequestBody.fromString("payload"));
        var copy = s3.copyObject(b -> b.sourceBucket("artifacts").sourceKey("src").destinationBucket("artifacts").destinationKey("dst"));
        assertThat(copy.copyObjectResult().eTag()).isEqualTo(s3.headObject(b -> b.bucket("artifacts").key("src")).eTag());
        var got = s3.getObjectAsBytes(b -> b.bucket("artifacts").key("dst"));
        assertThat(got.asUtf8String()).isEqualTo("payload");
        assertThat(got.response().metadata()).containsEntry("a", "1");
    }

    @Test
    void conditionalWriteRefusesToOverwrite() {
        s3.putObject(b -> b.bucket("artifacts").key("k"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("artifacts").key("k").ifNoneMatch("*"), RequestBody.fromString("y")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
    }
}
