package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.s3.BucketHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.s3.BucketPolicyHandler;
import dev.crossdeploy.localcloud.s3.Bucket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.ACCOUNT;
import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS::S3::Bucket and BucketPolicy create and change real buckets in the cloud's S3. */
class BucketHandlerTest {
    @TempDir Path dir;
    private ResourceFixture cloud;
    private final BucketHandler buckets = new BucketHandler();
    private final BucketPolicyHandler policies = new BucketPolicyHandler();

    @BeforeEach
    void setUp() { cloud = new ResourceFixture(dir); }

    private Bucket bucket(String name) { return cloud.state.s3().bucket(name).orElseThrow(); }

    private static Map<String, Object> artifacts() {
        Map<String, Object> p = new HashMap<>();
        p.put("BucketName", "orders-artifacts-222222222222");
        p.put("VersioningConfiguration", Map.of("Status", "Enabled"));
        p.put("PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "IgnorePublicAcls", "true",
                "BlockPublicPolicy", true, "RestrictPublicBuckets", true));
        p.put("BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of("BucketKeyEnabled", true,
                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", "alias/artifacts")))));
        return p;
    }

    @Test
    void createsAnOwnedBucketInTheStacksRegionWithItsSettings() throws Exception {
        ProvisionResult result = buckets.create(cloud.root("Artifacts"), artifacts());

        Bucket b = bucket("orders-artifacts-222222222222");
        assertThat(result.physicalId()).isEqualTo("orders-artifacts-222222222222");
        assertThat(b.ownerAccount()).isEqualTo(ACCOUNT);
        assertThat(b.region()).isEqualTo("us-east-1");
        assertThat(b.versioning()).isEqualTo("Enabled");
        assertThat(b.publicAccessBlock()).isNotNull();
        assertThat(b.publicAccessBlock().blockPublicPolicy()).isTrue();
        assertThat(b.defaultEncryption().algorithm()).isEqualTo("aws:kms");
        assertThat(b.defaultEncryption().kmsKeyId()).isEqualTo("alias/artifacts");
        assertThat(b.defaultEncryption().bucketKeyEnabled()).isTrue();
        assertThat(result.attributes())
                .containsEntry("Arn", "arn:aws:s3:::orders-artifacts-222222222222")
                .containsEntry("DomainName", "orders-artifacts-222222222222.s3.amazonaws.com")
                .containsEntry("RegionalDomainName", "orders-artifacts-222222222222.s3.us-east-1.amazonaws.com")
                .containsEntry("DualStackDomainName", "orders-artifacts-222222222222.s3.dualstack.us-east-1.amazonaws.com")
                .containsEntry("WebsiteURL", "http://orders-artifacts-222222222222.s3-website-us-east-1.amazonaws.com");
    }

    @Test
    void aGeneratedBucketNameIsLowerCase() throws Exception {
        String name = buckets.create(cloud.root("ArtifactBucket"), Map.of()).physicalId();

        assertThat(name).matches("orders-api-artifactbucket-[a-z0-9]{13}");
        assertThat(cloud.state.s3().exists(name)).isTrue();
    }

    @Test
    void updatesApplyChangedSettings() throws Exception {
        ResourceContext ctx = cloud.root("Artifacts");
        Map<String, Object> before = artifacts();
        ProvisionResult created = buckets.create(ctx, before);

        Map<String, Object> after = new HashMap<>(before);
        after.put("VersioningConfiguration", Map.of("Status", "Suspended"));
        after.remove("PublicAccessBlockConfiguration");
        after.remove("BucketEncryption");
        buckets.update(ctx, created, before, after);

        Bucket b = bucket("orders-artifacts-222222222222");
        assertThat(b.versioning()).isEqualTo("Suspended");
        assertThat(b.publicAccessBlock()).isNull();
        assertThat(b.defaultEncryption().algorithm()).isEqualTo("AES256");
    }

    @Test
    void aBucketThatHoldsObjectsIsNotDeleted() throws Exception {
        ResourceContext ctx = cloud.root("Artifacts");
        ProvisionResult created = buckets.create(ctx, artifacts());
        cloud.state.s3().writeObject("orders-artifacts-222222222222", "app.zip", new ByteArrayInputStream(new byte[] {1}), null);

        assertThatThrownBy(() -> buckets.delete(ctx, created))
                .hasMessageStartingWith("Resource handler returned message: \"The bucket you tried to delete is not empty"
                        + " (Service: S3, Status Code: 409, Request ID: ")
                .hasMessageContaining(", Extended Request ID: ")
                .hasMessageEndingWith("HandlerErrorCode: GeneralServiceException)");
        assertThat(cloud.state.s3().exists("orders-artifacts-222222222222")).isTrue();

        cloud.state.s3().deleteObject("orders-artifacts-222222222222", "app.zip");
        buckets.delete(ctx, created);
        assertThat(cloud.state.s3().exists("orders-artifacts-222222222222")).isFalse();
    }

    @Test
    void aNameAnotherAccountOwnsIsNotAvailable() {
        cloud.state.s3().createBucket(ResourceFixture.OTHER_ACCOUNT, "us-east-1", "shared-name");

        assertThatThrownBy(() -> buckets.create(cloud.root("B"), Map.of("BucketName", "shared-name")))
                .hasMessageContaining("(Service: S3, Status Code: 409")
                .hasMessageEndingWith("HandlerErrorCode: AlreadyExists)");
    }

    @Test
    void anOwnBucketOfTheSameNameAlreadyExists() {
        cloud.state.s3().createBucket(ACCOUNT, "us-east-1", "mine");

        assertThatThrownBy(() -> buckets.create(cloud.root("B"), Map.of("BucketName", "mine")))
                .hasMessageStartingWith("Resource handler returned message: \"Resource of type 'AWS::S3::Bucket' with identifier 'mine' already exists.\"");
    }

    @Test
    void anAssumedRoleWithoutCreateBucketGetsS3sAccessDenied() {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("s3:GetObject", "*"));

        assertThatThrownBy(() -> buckets.create(cloud.context("B", cfn), Map.of("BucketName", "denied-bucket")))
                .hasMessageStartingWith("Resource handler returned message: \"Access Denied (Service: S3, Status Code: 403, Request ID: ")
                .hasMessageEndingWith("HandlerErrorCode: AccessDenied)");
        assertThat(cloud.state.s3().exists("denied-bucket")).isFalse();
    }

    @Test
    void aBucketPolicyIsSetAndRemoved() throws Exception {
        buckets.create(cloud.root("Artifacts"), artifacts());
        Map<String, Object> document = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("AWS", "arn:aws:iam::111111111111:root"), "Action", "s3:GetObject",
                "Resource", "arn:aws:s3:::orders-artifacts-222222222222/*")));
        ResourceContext ctx = cloud.root("ArtifactsPolicy");

        ProvisionResult policy = policies.create(ctx, Map.of("Bucket", "orders-artifacts-222222222222", "PolicyDocument", document));

        assertThat(policy.physicalId()).isEqualTo("orders-artifacts-222222222222");
        assertThat(bucket("orders-artifacts-222222222222").policy()).isNotNull();
        Principal pipeline = Principal.root("111111111111", null);
        assertThat(cloud.state.iam().evaluator().evaluate(pipeline, "s3:GetObject", "arn:aws:s3:::orders-artifacts-222222222222/app.zip",
                ACCOUNT, bucket("orders-artifacts-222222222222").policy(), Map.of()).allowed()).isTrue();

        policies.delete(ctx, policy);
        assertThat(bucket("orders-artifacts-222222222222").policy()).isNull();
    }

    @Test
    void aPolicyForAMissingBucketFailsAsS3Does() {
        assertThatThrownBy(() -> policies.create(cloud.root("P"), Map.of("Bucket", "nowhere",
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of()))))
                .hasMessageContaining("\"The specified bucket does not exist (Service: S3, Status Code: 404")
                .hasMessageEndingWith("HandlerErrorCode: NotFound)");
    }

    @Test
    void anotherAccountsBucketCannotGetAPolicyFromThisStack() {
        cloud.state.s3().createBucket(ResourceFixture.OTHER_ACCOUNT, "us-east-1", "theirs");

        assertThatThrownBy(() -> policies.create(cloud.root("P"), Map.of("Bucket", "theirs",
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of()))))
                .hasMessageContaining("\"Access Denied (Service: S3, Status Code: 403");
    }
}
