package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Multipart uploads through the SDK: the happy path, big objects, and every refusal on completion. */
class S3MultipartTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final int MIB = 1024 * 1024;

    private S3Client s3;

    @BeforeEach
    void bucket() {
        s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("uploads"));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private CompletedPart upload(String uploadId, int number, byte[] data) {
        String etag = s3.uploadPart(b -> b.bucket("uploads").key("big").uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private static void s3Error(Throwable t, int status, String code, String message) {
        assertThat(t).isInstanceOf(S3Exception.class);
        S3Exception e = (S3Exception) t;
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    @Test
    void partsJoinIntoOneObjectWithAMultipartEtag() throws Exception {
        byte[] p1 = random(5 * MIB, 1);
        byte[] p2 = random(5 * MIB, 2);
        byte[] p3 = random(1000, 3);
        String keyId = cloud.as("staging").kms().createKey(r -> {}).keyMetadata().keyId();
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big").contentType("application/zip")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyId)).uploadId();
        List<CompletedPart> parts = List.of(upload(id, 1, p1), upload(id, 2, p2), upload(id, 3, p3));

        var listed = s3.listParts(b -> b.bucket("uploads").key("big").uploadId(id));
        assertThat(listed.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2, 3);
        assertThat(listed.parts().get(2).size()).isEqualTo(1000);
        assertThat(listed.parts().get(0).eTag()).isEqualTo(parts.get(0).eTag());

        var done = s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id)
                .multipartUpload(m -> m.parts(parts)));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (byte[] p : List.of(p1, p2, p3)) md5.update(MessageDigest.getInstance("MD5").digest(p));
        String expected = "\"" + HexFormat.of().formatHex(md5.digest()) + "-3\"";
        assertThat(done.eTag()).isEqualTo(expected);
        assertThat(done.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);

        var got = s3.getObjectAsBytes(b -> b.bucket("uploads").key("big"));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(p1);
        all.writeBytes(p2);
        all.writeBytes(p3);
        assertThat(got.asByteArray()).isEqualTo(all.toByteArray());
        assertThat(got.response().eTag()).isEqualTo(expected);
        assertThat(got.response().contentType()).isEqualTo("application/zip");
        assertThat(got.response().ssekmsKeyId()).isEqualTo(keyId);

        assertThatThrownBy(() -> s3.listParts(b -> b.bucket("uploads").key("big").uploadId(id)))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void aTwentyMegabyteUploadThroughMultipartArrivesIntact() throws Exception {
        int total = 20 * MIB;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int partSize = 6 * MIB;
        for (int off = 0, n = 1; off < total; off += partSize, n++) {
            byte[] part = random(Math.min(partSize, total - off), n);
            sent.update(part);
            parts.add(upload(id, n, part));
        }
        s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id).multipartUpload(m -> m.parts(parts)));

        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("uploads").key("big"))) {
            assertThat(in.response().contentLength()).isEqualTo(total);
            assertThat(in.response().eTag()).endsWith("-4\"");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) received.update(buf, 0, n);
        }
        assertThat(received.digest()).isEqualTo(sent.digest());
    }

    @Test
    void getByPartNumberReturnsThatPart() {
        byte[] p1 = random(5 * MIB, 1);
        byte[] p2 = random(300, 2);
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        List<CompletedPart> parts = List.of(upload(id, 1, p1), upload(id, 2, p2));
        s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id).multipartUpload(m -> m.parts(parts)));

        var second = s3.getObjectAsBytes(b -> b.bucket("uploads").key("big").partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(p2);
        assertThat(second.response().partsCount()).isEqualTo(2);
        assertThat(second.response().contentRange()).isEqualTo("bytes " + 5 * MIB + "-" + (5 * MIB + 299) + "/" + (5 * MIB + 300));
        assertThat(s3.headObject(b -> b.bucket("uploads").key("big").partNumber(1)).contentLength()).isEqualTo(5 * MIB);
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("uploads").key("big").partNumber(3)))
                .satisfies(t -> s3Error(t, 416, "InvalidPartNumber", "The requested partnumber is not satisfiable"));
    }

    @Test
    void aWrongPartEtagIsInvalidPart() {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        upload(id, 1, random(100, 1));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"0000\"").build()))))
                .satisfies(t -> s3Error(t, 400, "InvalidPart", "One or more of the specified parts could not be found.  "
                        + "The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag("\"0000\"").build()))))
                .satisfies(t -> s3Error(t, 400, "InvalidPart", "One or more of the specified parts could not be found.  "
                        + "The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."));
    }

    @Test
    void partsOutOfOrderAreInvalidPartOrder() {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        CompletedPart one = upload(id, 1, random(5 * MIB, 1));
        CompletedPart two = upload(id, 2, random(10, 2));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id)
                .multipartUpload(m -> m.parts(two, one))))
                .satisfies(t -> s3Error(t, 400, "InvalidPartOrder", "The list of parts was not in ascending order. "
                        + "The parts list must be specified in order by part number."));
    }

    @Test
    void aSmallPartBeforeTheLastIsEntityTooSmall() {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        CompletedPart one = upload(id, 1, random(1024, 1));
        CompletedPart two = upload(id, 2, random(1024, 2));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id)
                .multipartUpload(m -> m.parts(one, two))))
                .satisfies(t -> s3Error(t, 400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size."));
        assertThat(cloud.cloud().state().s3().objectExists("uploads", "big")).isFalse();
    }

    @Test
    void abortForgetsTheUpload() {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        upload(id, 1, random(10, 1));
        assertThat(s3.listMultipartUploads(b -> b.bucket("uploads")).uploads()).extracting(u -> u.uploadId()).containsExactly(id);
        s3.abortMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id));
        assertThat(s3.listMultipartUploads(b -> b.bucket("uploads")).uploads()).isEmpty();
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket("uploads").key("big").uploadId(id).partNumber(2),
                RequestBody.fromString("x")))
                .isInstanceOf(NoSuchUploadException.class)
                .satisfies(t -> s3Error(t, 404, "NoSuchUpload", "The specified upload does not exist. The upload ID may "
                        + "be invalid, or the upload may have been aborted or completed."));
    }

    @Test
    void partNumbersOutsideOneToTenThousandAreRefused() {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket("uploads").key("big").uploadId(id).partNumber(10001),
                RequestBody.fromString("x")))
                .satisfies(t -> s3Error(t, 400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive"));
    }

    @Test
    void listPartsPages() {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        for (int n = 1; n <= 5; n++) upload(id, n, random(10, n));
        var first = s3.listParts(b -> b.bucket("uploads").key("big").uploadId(id).maxParts(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        var rest = s3.listParts(b -> b.bucket("uploads").key("big").uploadId(id).partNumberMarker(first.nextPartNumberMarker()));
        assertThat(rest.parts()).extracting(p -> p.partNumber()).containsExactly(3, 4, 5);
        assertThat(rest.isTruncated()).isFalse();
    }

    @Test
    void aChecksumAlgorithmAtCreationGivesACompositeChecksum() throws Exception {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big").checksumAlgorithm(ChecksumAlgorithm.SHA256))
                .uploadId();
        byte[] p1 = random(5 * MIB, 1);
        byte[] p2 = random(100, 2);
        List<CompletedPart> parts = new ArrayList<>();
        int n = 1;
        for (byte[] p : List.of(p1, p2)) {
            int number = n++;
            var r = s3.uploadPart(b -> b.bucket("uploads").key("big").uploadId(id).partNumber(number)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(p));
            assertThat(r.checksumSHA256()).isNotBlank();
            parts.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumSHA256(r.checksumSHA256()).build());
        }
        var done = s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id).multipartUpload(m -> m.parts(parts)));
        MessageDigest outer = MessageDigest.getInstance("SHA-256");
        for (byte[] p : List.of(p1, p2)) outer.update(MessageDigest.getInstance("SHA-256").digest(p));
        String composite = java.util.Base64.getEncoder().encodeToString(outer.digest()) + "-2";
        assertThat(done.checksumSHA256()).isEqualTo(composite);
        assertThat(s3.headObject(b -> b.bucket("uploads").key("big").checksumMode(ChecksumMode.ENABLED)).checksumSHA256())
                .isEqualTo(composite);
    }

    @Test
    void uploadingAPartStreamsFromAnInputStream() throws Exception {
        String id = s3.createMultipartUpload(b -> b.bucket("uploads").key("big")).uploadId();
        byte[] data = random(3 * MIB, 9);
        try (InputStream in = new java.io.ByteArrayInputStream(data)) {
            String etag = s3.uploadPart(b -> b.bucket("uploads").key("big").uploadId(id).partNumber(1),
                    RequestBody.fromInputStream(in, data.length)).eTag();
            s3.completeMultipartUpload(b -> b.bucket("uploads").key("big").uploadId(id)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket("uploads").key("big")).asByteArray()).isEqualTo(data);
    }
}
