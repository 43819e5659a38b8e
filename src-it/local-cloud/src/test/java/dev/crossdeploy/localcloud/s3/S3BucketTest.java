package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Buckets through the SDK: creation rules, ownership, listing, and the stored settings. */
class S3BucketTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"ReadForPipeline","Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::artifacts/*"}]}""";

    private static Consumer<Throwable> s3Error(int status, String code, String message) {
        return t -> {
            assertThat(t).isInstanceOf(S3Exception.class);
            S3Exception e = (S3Exception) t;
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            if (message != null) assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        };
    }

    private S3Client inRegion(String account, Region region) {
        var a = cloud.cloud().account(account);
        return S3Client.builder().endpointOverride(cloud.cloud().endpoint()).region(region).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
                .build();
    }

    @Test
    void listBucketsShowsOnlyTheCallersBuckets() {
        cloud.as("staging").s3().createBucket(b -> b.bucket("staging-b"));
        cloud.as("staging").s3().createBucket(b -> b.bucket("staging-a"));
        cloud.as("qa").s3().createBucket(b -> b.bucket("qa-a"));
        var list = cloud.as("staging").s3().listBuckets();
        assertThat(list.buckets()).extracting(b -> b.name()).containsExactly("staging-a", "staging-b");
        assertThat(list.buckets().get(0).creationDate()).isNotNull();
        assertThat(list.owner().id()).hasSize(64);
        assertThat(cloud.as("prod").s3().listBuckets().buckets()).isEmpty();
    }

    @Test
    void invalidNamesAreRefused() {
        // The SDK checks some of these rules itself, so the requests go out raw.
        RawS3 raw = new RawS3(cloud.cloud().endpoint(), cloud.cloud().account("staging"), "us-east-1");
        for (String name : new String[] {"ab", "upper-Case", "under_score", "-leading", "trailing-", "two..dots",
                "192.168.1.1", "xn--punycode", "sthree-bucket", "name-s3alias", "a".repeat(64)}) {
            RawS3.Response r = raw.call("PUT", "/" + name).send();
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.body()).as(name).contains("<Code>InvalidBucketName</Code><Message>The specified bucket is not "
                    + "valid.</Message><BucketName>" + name + "</BucketName>");
        }
        assertThat(cloud.cloud().state().s3().buckets("222222222222")).isEmpty();
    }

    @Test
    void aNameTakenByAnotherAccountIsBucketAlreadyExists() {
        cloud.as("staging").s3().createBucket(b -> b.bucket("shared-name"));
        assertThatThrownBy(() -> cloud.as("qa").s3().createBucket(b -> b.bucket("shared-name")))
                .isInstanceOf(BucketAlreadyExistsException.class)
                .satisfies(s3Error(409, "BucketAlreadyExists", "The requested bucket name is not available. The bucket "
                        + "namespace is shared by all users of the system. Please select a different name and try again."));
    }

    @Test
    void recreatingYourOwnBucketSucceedsInUsEast1ButNotElsewhere() {
        cloud.as("staging").s3().createBucket(b -> b.bucket("mine"));
        cloud.as("staging").s3().createBucket(b -> b.bucket("mine"));

        S3Client eu = inRegion("staging", Region.EU_WEST_1);
        eu.createBucket(b -> b.bucket("mine-eu"));
        assertThatThrownBy(() -> eu.createBucket(b -> b.bucket("mine-eu")))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class)
                .satisfies(s3Error(409, "BucketAlreadyOwnedByYou",
                        "Your previous request to create the named bucket succeeded and you already own it."));
    }

    @Test
    void locationConstraintSetsTheRegion() {
        S3Client eu = inRegion("staging", Region.EU_WEST_1);
        eu.createBucket(b -> b.bucket("eu-bucket").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        assertThat(eu.getBucketLocation(b -> b.bucket("eu-bucket")).locationConstraintAsString()).isEqualTo("eu-west-1");
        assertThat(eu.headBucket(b -> b.bucket("eu-bucket")).bucketRegion()).isEqualTo("eu-west-1");
        assertThat(cloud.cloud().state().s3().region("eu-bucket")).hasValue("eu-west-1");

        S3Client us = cloud.as("staging").s3();
        us.createBucket(b -> b.bucket("us-bucket"));
        assertThat(us.getBucketLocation(b -> b.bucket("us-bucket")).locationConstraintAsString()).isEmpty();
        assertThat(us.headBucket(b -> b.bucket("us-bucket")).bucketRegion()).isEqualTo("us-east-1");
    }

    @Test
    void requestsSignedForAnotherRegionThanTheBucketsAreRefused() {
        S3Client eu = inRegion("staging", Region.EU_WEST_1);
        eu.createBucket(b -> b.bucket("eu-only"));
        eu.putObject(b -> b.bucket("eu-only").key("k"), RequestBody.fromString("x"));
        S3Client us = cloud.as("staging").s3();
        assertThatThrownBy(() -> us.getObject(b -> b.bucket("eu-only").key("k")))
                .satisfies(s3Error(400, "AuthorizationHeaderMalformed",
                        "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'"))
                .satisfies(t -> assertThat(((S3Exception) t).awsErrorDetails().sdkHttpResponse()
                        .firstMatchingHeader("x-amz-bucket-region")).hasValue("eu-west-1"));
        assertThat(us.getBucketLocation(b -> b.bucket("eu-only")).locationConstraintAsString()).isEqualTo("eu-west-1");
    }

    @Test
    void aConstraintForAnotherRegionIsRefusedByARegionalEndpoint() {
        S3Client eu = inRegion("staging", Region.EU_WEST_1);
        assertThatThrownBy(() -> eu.createBucket(b -> b.bucket("x-bucket")
                .createBucketConfiguration(c -> c.locationConstraint("ap-south-1"))))
                .satisfies(s3Error(400, "IllegalLocationConstraintException", "The ap-south-1 location constraint is "
                        + "incompatible for the region specific endpoint this request was sent to."));
        assertThatThrownBy(() -> cloud.as("staging").s3().createBucket(b -> b.bucket("x-bucket")
                .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))))
                .satisfies(s3Error(400, "InvalidLocationConstraint", "The specified location-constraint is not valid"));
    }

    @Test
    void headBucketIs404ForMissingAnd403ForSomeoneElses() {
        cloud.as("staging").s3().createBucket(b -> b.bucket("private"));
        assertThatThrownBy(() -> cloud.as("staging").s3().headBucket(b -> b.bucket("missing-bucket")))
                .isInstanceOf(NoSuchBucketException.class)
                .satisfies(t -> assertThat(((S3Exception) t).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> cloud.as("qa").s3().headBucket(b -> b.bucket("private")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
                            .hasValue("us-east-1");
                });
    }

    @Test
    void deleteBucketRefusesWhileObjectsRemain() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("full"));
        s3.putObject(b -> b.bucket("full").key("k"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("full")))
                .satisfies(s3Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty"));
        s3.deleteObject(b -> b.bucket("full").key("k"));
        s3.deleteBucket(b -> b.bucket("full"));
        assertThat(cloud.cloud().state().s3().exists("full")).isFalse();
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("full")))
                .satisfies(s3Error(404, "NoSuchBucket", "The specified bucket does not exist"));
    }

    @Test
    void bucketPolicyIsStoredReturnedAndDeleted() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("artifacts"));
        assertThatThrownBy(() -> s3.getBucketPolicy(b -> b.bucket("artifacts")))
                .satisfies(s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist"));
        s3.putBucketPolicy(b -> b.bucket("artifacts").policy(POLICY));
        assertThat(s3.getBucketPolicy(b -> b.bucket("artifacts")).policy())
                .contains("\"Sid\":\"ReadForPipeline\"").contains("arn:aws:s3:::artifacts/*");
        s3.deleteBucketPolicy(b -> b.bucket("artifacts"));
        assertThatThrownBy(() -> s3.getBucketPolicy(b -> b.bucket("artifacts")))
                .satisfies(s3Error(404, "NoSuchBucketPolicy", null));
    }

    @Test
    void malformedPoliciesAreRefused() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("artifacts"));
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket("artifacts").policy("not json")))
                .satisfies(s3Error(400, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'"));
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket("artifacts").policy("{\"Statement\": [")))
                .satisfies(s3Error(400, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'"));
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket("artifacts").policy(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::artifacts/*\"}]}")))
                .satisfies(s3Error(400, "MalformedPolicy", "Missing required field Principal"));
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket("artifacts").policy(POLICY.replace("artifacts/*", "other/*"))))
                .satisfies(s3Error(400, "MalformedPolicy", "Policy has invalid resource"));
    }

    @Test
    void versioningIsStored() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("versioned"));
        assertThat(s3.getBucketVersioning(b -> b.bucket("versioned")).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket("versioned")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        assertThat(s3.putObject(b -> b.bucket("versioned").key("k"), RequestBody.fromString("x")).versionId()).isNotBlank();
        s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket("versioned")).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
    }

    @Test
    void publicAccessBlockIsStoredAndBlocksPublicPolicies() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("artifacts"));
        assertThatThrownBy(() -> s3.getPublicAccessBlock(b -> b.bucket("artifacts")))
                .satisfies(s3Error(404, "NoSuchPublicAccessBlockConfiguration",
                        "The public access block configuration was not found"));
        s3.putPublicAccessBlock(b -> b.bucket("artifacts").publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(false)));
        var got = s3.getPublicAccessBlock(b -> b.bucket("artifacts")).publicAccessBlockConfiguration();
        assertThat(got.blockPublicAcls()).isTrue();
        assertThat(got.blockPublicPolicy()).isTrue();
        assertThat(got.restrictPublicBuckets()).isFalse();

        String publicPolicy = POLICY.replace("{\"AWS\":\"arn:aws:iam::111111111111:root\"}", "\"*\"");
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket("artifacts").policy(publicPolicy)))
                .satisfies(s3Error(403, "AccessDenied", "Access Denied"));

        s3.deletePublicAccessBlock(b -> b.bucket("artifacts"));
        assertThatThrownBy(() -> s3.getPublicAccessBlock(b -> b.bucket("artifacts")))
                .satisfies(s3Error(404, "NoSuchPublicAccessBlockConfiguration", null));
        s3.putBucketPolicy(b -> b.bucket("artifacts").policy(publicPolicy));
    }

    @Test
    void defaultEncryptionIsSseS3UntilConfigured() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("enc"));
        var rule = s3.getBucketEncryption(b -> b.bucket("enc")).serverSideEncryptionConfiguration().rules().get(0);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);

        s3.putBucketEncryption(b -> b.bucket("enc").serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .bucketKeyEnabled(true)
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                        .kmsMasterKeyID("arn:aws:kms:us-east-1:222222222222:key/abc")))));
        rule = s3.getBucketEncryption(b -> b.bucket("enc")).serverSideEncryptionConfiguration().rules().get(0);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo("arn:aws:kms:us-east-1:222222222222:key/abc");
        assertThat(rule.bucketKeyEnabled()).isTrue();

        s3.deleteBucketEncryption(b -> b.bucket("enc"));
        rule = s3.getBucketEncryption(b -> b.bucket("enc")).serverSideEncryptionConfiguration().rules().get(0);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void bucketTagsAreStored() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("tagged"));
        assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket("tagged")))
                .satisfies(s3Error(404, "NoSuchTagSet", "The TagSet does not exist"));
        s3.putBucketTagging(b -> b.bucket("tagged").tagging(t -> t.tagSet(
                software.amazon.awssdk.services.s3.model.Tag.builder().key("team").value("payments").build(),
                software.amazon.awssdk.services.s3.model.Tag.builder().key("stage").value("qa").build())));
        assertThat(s3.getBucketTagging(b -> b.bucket("tagged")).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=payments", "stage=qa");
        s3.deleteBucketTagging(b -> b.bucket("tagged"));
        assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket("tagged"))).satisfies(s3Error(404, "NoSuchTagSet", null));
    }

    @Test
    void storeApiServesCloudFormation() {
        var store = cloud.cloud().state().s3();
        store.createBucket("333333333333", "eu-west-1", "cfn-bucket");
        assertThat(store.ownerAccount("cfn-bucket")).hasValue("333333333333");
        assertThat(store.region("cfn-bucket")).hasValue("eu-west-1");
        store.setVersioning("cfn-bucket", true);
        store.setPublicAccessBlock("cfn-bucket", true, true, true, true);
        store.setDefaultEncryption("cfn-bucket", "aws:kms", "key-9");
        store.writeObject("cfn-bucket", "template.json", new java.io.ByteArrayInputStream("{}".getBytes()), "application/json");
        assertThat(store.readObject("cfn-bucket", "template.json", 10)).hasValueSatisfying(b -> assertThat(b).hasSize(2));
        assertThat(store.readObject("cfn-bucket", "template.json", 1)).isEmpty();
        assertThatThrownBy(() -> store.createBucket("444444444444", "us-east-1", "cfn-bucket"))
                .isInstanceOfSatisfying(dev.crossdeploy.localcloud.http.AwsException.class,
                        e -> assertThat(e.code()).isEqualTo("BucketAlreadyExists"));
        assertThatThrownBy(() -> store.deleteBucket("cfn-bucket"))
                .isInstanceOfSatisfying(dev.crossdeploy.localcloud.http.AwsException.class,
                        e -> assertThat(e.code()).isEqualTo("BucketNotEmpty"));
        var qa = inRegion("qa", Region.EU_WEST_1);
        assertThat(qa.getBucketVersioning(b -> b.bucket("cfn-bucket")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        store.reset();
        assertThat(store.exists("cfn-bucket")).isFalse();
    }
}
