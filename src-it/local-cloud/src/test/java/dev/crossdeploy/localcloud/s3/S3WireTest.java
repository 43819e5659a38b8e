package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 as seen on the wire by a plain HTTP client: virtual-hosted addressing, the error document's
 * shape, and answers to requests the SDK would never send.
 */
class S3WireTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private S3Client s3;
    private RawS3 raw;

    @BeforeEach
    void bucket() {
        s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("site"));
        s3.putObject(b -> b.bucket("site").key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
        raw = new RawS3(cloud.cloud().endpoint(), cloud.cloud().account("staging"), "us-east-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"site.localhost:%d", "site.s3.localhost:%d", "site.s3.us-east-1.amazonaws.com",
            "site.s3.amazonaws.com"})
    void virtualHostedRequestsAddressTheBucketFromTheHost(String hostPattern) {
        String host = hostPattern.formatted(cloud.cloud().port());
        RawS3.Response get = raw.call("GET", "/index.html").host(host).send();
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("<h1>hi</h1>");

        RawS3.Response put = raw.call("PUT", "/new.txt").host(host).body("virtual").send();
        assertThat(put.status()).isEqualTo(200);
        assertThat(cloud.cloud().state().s3().readObject("site", "new.txt", 100)).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("virtual"));

        RawS3.Response list = raw.call("GET", "/").query("list-type=2").host(host).send();
        assertThat(list.body()).contains("<Name>site</Name>").contains("<Key>index.html</Key>");
    }

    @Test
    void pathStyleHostsKeepTheBucketInThePath() {
        RawS3.Response r = raw.call("GET", "/site/index.html").host("s3.us-east-1.amazonaws.com").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(raw.call("GET", "/site/index.html").host("s3.localhost:" + cloud.cloud().port()).send().status())
                .isEqualTo(200);
    }

    @Test
    void errorsAreS3ErrorDocuments() {
        RawS3.Response r = raw.call("GET", "/no-such-bucket/key").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/xml");
        assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"
                + "<Message>The specified bucket does not exist</Message><BucketName>no-such-bucket</BucketName><RequestId>");
        assertThat(r.body()).contains("<HostId>").endsWith("</Error>");
        assertThat(r.body()).contains("<RequestId>" + r.header("x-amz-request-id") + "</RequestId>")
                .contains("<HostId>" + r.header("x-amz-id-2") + "</HostId>");

        RawS3.Response key = raw.call("GET", "/site/missing").send();
        assertThat(key.body()).contains("<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                + "<Key>missing</Key>");
    }

    @Test
    void headErrorsHaveNoBody() {
        RawS3.Response r = raw.call("HEAD", "/site/missing").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void unsupportedMethodIsMethodNotAllowed() {
        RawS3.Response r = raw.call("PATCH", "/site/index.html").send();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.body()).contains("<Code>MethodNotAllowed</Code><Message>The specified method is not allowed "
                + "against this resource.</Message><Method>PATCH</Method><ResourceType>OBJECT</ResourceType>");
    }

    @Test
    void malformedXmlBodiesAreMalformedXmlNotCrashes() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket("site").key("big")).uploadId();
        for (String body : new String[] {"", "not xml", "<CompleteMultipartUpload><Part>", "<Other/>",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CompleteMultipartUpload>&e;</CompleteMultipartUpload>",
                "<CompleteMultipartUpload></CompleteMultipartUpload>",
                "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber></Part></CompleteMultipartUpload>"}) {
            RawS3.Response r = raw.call("POST", "/site/big").query("uploadId=" + uploadId).body(body).send();
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("<Code>MalformedXML</Code><Message>The XML you provided was not "
                    + "well-formed or did not validate against our published schema</Message>");
        }
        for (String sub : new String[] {"versioning", "publicAccessBlock", "encryption"}) {
            RawS3.Response r = raw.call("PUT", "/site").query(sub + "=").body("<<<").send();
            assertThat(r.body()).as(sub).contains("<Code>MalformedXML</Code>");
        }
        assertThat(raw.call("PUT", "/fresh-bucket").body("<CreateBucketConfiguration>").send().body())
                .contains("<Code>MalformedXML</Code>");
    }

    @Test
    void payloadHashThatDoesNotMatchTheBodyIsRefused() {
        RawS3.Response r = raw.call("PUT", "/site/k").body("actual body")
                .payloadHash(RawS3.hex(RawS3.sha256("other body".getBytes(StandardCharsets.UTF_8)))).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>XAmzContentSHA256Mismatch</Code><Message>The provided 'x-amz-content-sha256' "
                + "header does not match what was computed.</Message>");
        assertThat(cloud.cloud().state().s3().objectExists("site", "k")).isFalse();
    }

    @Test
    void signedRequestsMustCarryThePayloadHashHeader() {
        RawS3.Response r = raw.call("GET", "/site/index.html").withoutPayloadHashHeader().send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidRequest</Code><Message>Missing required header for this request: "
                + "x-amz-content-sha256</Message>");
    }

    @Test
    void unsignedChunkedUploadWithTrailingChecksumIsDecodedAndVerified() {
        byte[] data = "streamed with a trailer".getBytes(StandardCharsets.UTF_8);
        String crc = java.util.Base64.getEncoder().encodeToString(ChecksumAlgorithm.CRC32.of(data));
        RawS3.Response ok = raw.call("PUT", "/site/trailer").header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", Integer.toString(data.length))
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .payloadHash("STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .body(RawS3.unsignedChunkedWithTrailer(data, "x-amz-checksum-crc32", crc)).send();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("x-amz-checksum-crc32")).isEqualTo(crc);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("site").key("trailer")).asByteArray()).isEqualTo(data);

        RawS3.Response bad = raw.call("PUT", "/site/trailer2").header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", Integer.toString(data.length))
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .payloadHash("STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .body(RawS3.unsignedChunkedWithTrailer(data, "x-amz-checksum-crc32", "AAAAAA==")).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code><Message>The CRC32 you specified did not match the "
                + "calculated checksum.</Message>");
        assertThat(cloud.cloud().state().s3().objectExists("site", "trailer2")).isFalse();
    }

    @Test
    void signedChunksAreVerified() {
        byte[] data = new byte[200_000];
        new java.util.Random(7).nextBytes(data);
        RawS3.Response ok = raw.call("PUT", "/site/chunked").sendSignedChunked(data, 65_536, -1);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("site").key("chunked")).asByteArray()).isEqualTo(data);

        RawS3.Response tampered = raw.call("PUT", "/site/tampered").sendSignedChunked(data, 65_536, 2);
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(cloud.cloud().state().s3().objectExists("site", "tampered")).isFalse();
    }

    @Test
    void throttlingIsSlowDownAndFaultRulesTargetS3OperationNames() {
        cloud.cloud().state().faults().add(FaultRule.next(1, "s3", "PutObject", FaultKind.THROTTLE));
        s3.getObject(b -> b.bucket("site").key("index.html")).abort();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("site").key("k"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Please reduce your request rate.");
                });
        s3.putObject(b -> b.bucket("site").key("k"), RequestBody.fromString("x"));

        cloud.cloud().state().faults().add(FaultRule.next(1, "s3", "CreateMultipartUpload", FaultKind.INTERNAL_ERROR));
        assertThatThrownBy(() -> s3.createMultipartUpload(b -> b.bucket("site").key("m")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError"));
    }

    @Test
    void operationNamesFollowAws() {
        var state = cloud.cloud().state();
        var service = new S3Service(state.s3(), state.iam(), state.credentials(), state.config());
        assertThat(name(service, "GET", "/", "")).isEqualTo("ListBuckets");
        assertThat(name(service, "GET", "/b", "list-type=2")).isEqualTo("ListObjectsV2");
        assertThat(name(service, "POST", "/b/k", "uploads")).isEqualTo("CreateMultipartUpload");
        assertThat(name(service, "PUT", "/b/k", "partNumber=1&uploadId=u")).isEqualTo("UploadPart");
        assertThat(name(service, "POST", "/b/k", "uploadId=u")).isEqualTo("CompleteMultipartUpload");
        assertThat(name(service, "GET", "/b/k", "uploadId=u")).isEqualTo("ListParts");
        assertThat(name(service, "DELETE", "/b/k", "uploadId=u")).isEqualTo("AbortMultipartUpload");
        assertThat(name(service, "HEAD", "/b/k", "")).isEqualTo("HeadObject");
        assertThat(name(service, "HEAD", "/b", "")).isEqualTo("HeadBucket");
        assertThat(name(service, "PUT", "/b", "policy")).isEqualTo("PutBucketPolicy");
        assertThat(name(service, "GET", "/b", "publicAccessBlock")).isEqualTo("GetPublicAccessBlock");
    }

    private static String name(S3Service service, String method, String path, String query) {
        var request = new dev.crossdeploy.localcloud.http.CloudRequest(method, path, query,
                java.util.Map.of("Host", java.util.List.of("localhost")), java.io.InputStream.nullInputStream(), "id");
        return service.actionOf(request);
    }
}
