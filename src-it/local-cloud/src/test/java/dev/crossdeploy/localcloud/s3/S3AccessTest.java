package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may touch a bucket: its owner, other accounts through the bucket policy, nobody else. */
class S3AccessTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final String GRANT_PIPELINE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::111111111111:root"},
             "Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],
             "Resource":["arn:aws:s3:::staging-artifacts","arn:aws:s3:::staging-artifacts/*"]}]}""";

    private S3Client staging;
    private S3Client pipeline;

    @BeforeEach
    void bucket() {
        staging = cloud.as("staging").s3();
        pipeline = cloud.as("pipeline").s3();
        staging.createBucket(b -> b.bucket("staging-artifacts"));
        staging.putObject(b -> b.bucket("staging-artifacts").key("app.zip"), RequestBody.fromString("zip"));
    }

    private static void accessDenied(Throwable t) {
        assertThat(t).isInstanceOf(S3Exception.class);
        S3Exception e = (S3Exception) t;
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Access Denied");
    }

    @Test
    void anotherAccountIsRefusedWithoutAPolicy() {
        assertThatThrownBy(() -> pipeline.getObject(b -> b.bucket("staging-artifacts").key("app.zip")))
                .satisfies(S3AccessTest::accessDenied);
        assertThatThrownBy(() -> pipeline.putObject(b -> b.bucket("staging-artifacts").key("new.zip"), RequestBody.fromString("x")))
                .satisfies(S3AccessTest::accessDenied);
        assertThatThrownBy(() -> pipeline.listObjectsV2(b -> b.bucket("staging-artifacts")))
                .satisfies(S3AccessTest::accessDenied);
        assertThatThrownBy(() -> pipeline.deleteBucket(b -> b.bucket("staging-artifacts")))
                .satisfies(S3AccessTest::accessDenied);
        assertThatThrownBy(() -> pipeline.getBucketPolicy(b -> b.bucket("staging-artifacts")))
                .satisfies(S3AccessTest::accessDenied);
    }

    @Test
    void aRefusedLargeUploadStillGetsItsAnswer() {
        byte[] big = new byte[12 * 1024 * 1024];
        assertThatThrownBy(() -> pipeline.putObject(b -> b.bucket("staging-artifacts").key("big.zip"), RequestBody.fromBytes(big)))
                .satisfies(S3AccessTest::accessDenied);
        assertThatThrownBy(() -> pipeline.putObject(b -> b.bucket("no-such-artifacts").key("big.zip"), RequestBody.fromBytes(big)))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class);
    }

    @Test
    void aPolicyGrantingTheAccountLetsItInForWhatItGrants() {
        staging.putBucketPolicy(b -> b.bucket("staging-artifacts").policy(GRANT_PIPELINE));
        assertThat(pipeline.getObjectAsBytes(b -> b.bucket("staging-artifacts").key("app.zip")).asUtf8String()).isEqualTo("zip");
        pipeline.putObject(b -> b.bucket("staging-artifacts").key("from-pipeline.zip"), RequestBody.fromString("built"));
        assertThat(staging.getObjectAsBytes(b -> b.bucket("staging-artifacts").key("from-pipeline.zip")).asUtf8String())
                .isEqualTo("built");
        assertThat(pipeline.listObjectsV2(b -> b.bucket("staging-artifacts")).keyCount()).isEqualTo(2);
        assertThatThrownBy(() -> pipeline.deleteObject(b -> b.bucket("staging-artifacts").key("app.zip")))
                .satisfies(S3AccessTest::accessDenied);
        assertThatThrownBy(() -> cloud.as("qa").s3().getObject(b -> b.bucket("staging-artifacts").key("app.zip")))
                .satisfies(S3AccessTest::accessDenied);
    }

    @Test
    void onlyTheOwnerAccountManagesTheBucketPolicyEvenWhenGranted() {
        staging.putBucketPolicy(b -> b.bucket("staging-artifacts").policy("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*",
                 "Resource":["arn:aws:s3:::staging-artifacts","arn:aws:s3:::staging-artifacts/*"]},
                 {"Effect":"Deny","Principal":"*","Action":"s3:GetBucketPolicy","Resource":"arn:aws:s3:::staging-artifacts"}]}"""));
        assertThatThrownBy(() -> pipeline.deleteBucketPolicy(b -> b.bucket("staging-artifacts")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(405);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MethodNotAllowed");
                });
        // The owner's root user cannot be locked out by its own policy.
        assertThat(staging.getBucketPolicy(b -> b.bucket("staging-artifacts")).policy()).contains("Deny");
    }

    @Test
    void aMissingKeyIsAccessDeniedWithoutListBucketAndNoSuchKeyWithIt() {
        staging.putBucketPolicy(b -> b.bucket("staging-artifacts").policy(GRANT_PIPELINE.replace(",\"s3:ListBucket\"", "")));
        assertThatThrownBy(() -> pipeline.getObject(b -> b.bucket("staging-artifacts").key("absent")))
                .satisfies(S3AccessTest::accessDenied);
        staging.putBucketPolicy(b -> b.bucket("staging-artifacts").policy(GRANT_PIPELINE));
        assertThatThrownBy(() -> pipeline.getObject(b -> b.bucket("staging-artifacts").key("absent")))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class);
    }

    @Test
    void anonymousCallersAreRefusedUnlessThePolicyIsPublic() {
        RawS3 anonymous = new RawS3(cloud.cloud().endpoint(), null, "us-east-1");
        RawS3.Response denied = anonymous.call("GET", "/staging-artifacts/app.zip").send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("<Code>AccessDenied</Code><Message>Access Denied</Message>");
        assertThat(anonymous.call("PUT", "/staging-artifacts/x").body("x").send().status()).isEqualTo(403);
        assertThat(anonymous.call("GET", "/").send().status()).isEqualTo(403);
        assertThat(anonymous.call("PUT", "/anonymous-bucket").send().status()).isEqualTo(403);

        staging.putBucketPolicy(b -> b.bucket("staging-artifacts").policy("""
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::staging-artifacts/*"}]}"""));
        RawS3.Response allowed = anonymous.call("GET", "/staging-artifacts/app.zip").send();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("zip");
    }

    @Test
    void expectedBucketOwnerMustMatch() {
        assertThat(staging.getObject(b -> b.bucket("staging-artifacts").key("app.zip").expectedBucketOwner("222222222222"))
                .response().contentLength()).isEqualTo(3);
        assertThatThrownBy(() -> staging.getObject(b -> b.bucket("staging-artifacts").key("app.zip")
                .expectedBucketOwner("999999999999"))).satisfies(S3AccessTest::accessDenied);
        staging.putBucketPolicy(b -> b.bucket("staging-artifacts").policy(GRANT_PIPELINE));
        pipeline.putObject(b -> b.bucket("staging-artifacts").key("guarded").expectedBucketOwner("222222222222"),
                RequestBody.fromString("x"));
        assertThatThrownBy(() -> pipeline.putObject(b -> b.bucket("staging-artifacts").key("guarded")
                .expectedBucketOwner("111111111111"), RequestBody.fromString("x"))).satisfies(S3AccessTest::accessDenied);
    }

    @Test
    void encryptionConditionKeysReachThePolicy() {
        staging.putBucketPolicy(b -> b.bucket("staging-artifacts").policy("""
                {"Statement":[{"Sid":"RequireKms","Effect":"Deny","Principal":"*","Action":"s3:PutObject",
                 "Resource":"arn:aws:s3:::staging-artifacts/*",
                 "Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}},
                 {"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":["arn:aws:s3:::staging-artifacts","arn:aws:s3:::staging-artifacts/*"],
                 "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"""));
        assertThatThrownBy(() -> staging.putObject(b -> b.bucket("staging-artifacts").key("plain"), RequestBody.fromString("x")))
                .satisfies(S3AccessTest::accessDenied);
        staging.putObject(b -> b.bucket("staging-artifacts").key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("x"));
        assertThat(staging.getObjectAsBytes(b -> b.bucket("staging-artifacts").key("kms")).asUtf8String()).isEqualTo("x");
    }

    @Test
    void assumedRoleSessionsNeedIdentityPermissionsToo() {
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}"""));
        var session = cloud.as("staging").sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/reader")
                .roleSessionName("reader-test"));
        S3Client asRole = dev.crossdeploy.localcloud.support.Clients.from(cloud, session).s3();
        assertThatThrownBy(() -> asRole.getObject(b -> b.bucket("staging-artifacts").key("app.zip")))
                .satisfies(S3AccessTest::accessDenied);
        iam.putRolePolicy(r -> r.roleName("reader").policyName("read").policyDocument("""
                {"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::staging-artifacts/*"}]}"""));
        assertThat(asRole.getObjectAsBytes(b -> b.bucket("staging-artifacts").key("app.zip")).asUtf8String()).isEqualTo("zip");
    }

    @Test
    void presignedGetAndPutWork() throws Exception {
        var a = cloud.cloud().account("staging");
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("staging-artifacts").key("app.zip"))).url().toURI();
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo("zip");

            var put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("staging-artifacts").key("uploaded.txt")));
            HttpRequest.Builder upload = HttpRequest.newBuilder(put.url().toURI())
                    .PUT(HttpRequest.BodyPublishers.ofString("via presigned url"));
            put.signedHeaders().forEach((k, v) -> { if (!k.equalsIgnoreCase("host")) v.forEach(x -> upload.header(k, x)); });
            assertThat(http.send(upload.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(staging.getObjectAsBytes(b -> b.bucket("staging-artifacts").key("uploaded.txt")).asUtf8String())
                    .isEqualTo("via presigned url");

            URI tampered = URI.create(get.toString().replace("app.zip", "other.zip"));
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(403);
            assertThat(bad.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        }
    }
}
