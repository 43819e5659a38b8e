package dev.crossdeploy.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.iam.PolicyDocument;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.crossdeploy.bootstrap.BootstrapStacks.PIPELINE;
import static dev.crossdeploy.bootstrap.BootstrapStacks.artifactBucket;
import static dev.crossdeploy.bootstrap.BootstrapStacks.bootstrap;
import static dev.crossdeploy.bootstrap.BootstrapStacks.deployRoleArn;
import static dev.crossdeploy.bootstrap.BootstrapStacks.executionRoleArn;
import static org.assertj.core.api.Assertions.assertThat;

/** The artifact bucket the bootstrap stack makes: encrypted, versioned, private, TLS-only; and the optional key. */
class ArtifactBucketAndKeyTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @Test
    void withoutAKeyTheBucketIsAes256VersionedPrivateAndTlsOnly() {
        bootstrap(cloud, "staging");
        String bucket = artifactBucket(cloud, "staging");
        try (var s3 = cloud.root("staging").s3()) {
            var rule = s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
            assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256");
            assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString()).isEqualTo("Enabled");
            var block = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
            assertThat(List.of(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(),
                    block.restrictPublicBuckets())).containsOnly(true);
            String policy = s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
            assertThat(policy).contains("aws:SecureTransport").contains(deployRoleArn(cloud, "staging"));
        }
    }

    @Test
    void withAKeyTheBucketUsesItAndOnlyTheCrossdeployRolesMayUseItWithoutTheirOwnGrant() throws Exception {
        DeployResult stack = bootstrap(cloud, "qa", new BootstrapRequest(PIPELINE, List.of(), null, true, List.of(), null),
                new RecordingReporter());
        String keyArn = stack.outputs().get("KmsKeyArn");
        assertThat(keyArn).startsWith("arn:aws:kms:" + cloud.region() + ":333333333333:key/");
        try (var s3 = cloud.root("qa").s3()) {
            var byDefault = s3.getBucketEncryption(b -> b.bucket(artifactBucket(cloud, "qa")))
                    .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault();
            assertThat(byDefault.sseAlgorithmAsString()).isEqualTo("aws:kms");
            assertThat(byDefault.kmsMasterKeyID()).isEqualTo(keyArn);
        }

        IamStore iam = cloud.cloud().state().iam();
        try (var iamClient = cloud.root("qa").iam()) {
            iamClient.createRole(r -> r.roleName("unrelated").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::333333333333:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        PolicyDocument keyPolicy = keyPolicy(keyArn);
        for (String role : List.of(deployRoleArn(cloud, "qa"), executionRoleArn(cloud, "qa"))) {
            Principal session = iam.serviceSession(role, "use-key");
            for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt")) {
                assertThat(iam.evaluator().evaluate(session, action, keyArn, "333333333333", keyPolicy, Map.of()))
                        .as("%s %s", role, action).isEqualTo(Decision.ALLOW);
            }
            assertThat(iam.evaluator().evaluate(session, "kms:ScheduleKeyDeletion", keyArn, "333333333333", keyPolicy, Map.of()))
                    .as("%s may not delete the key", role).isNotEqualTo(Decision.ALLOW);
        }
        Principal unrelated = iam.serviceSession("arn:aws:iam::333333333333:role/unrelated", "use-key");
        assertThat(iam.evaluator().evaluate(unrelated, "kms:Decrypt", keyArn, "333333333333", keyPolicy, Map.of()))
                .isNotEqualTo(Decision.ALLOW);

        assertThat(ResourceRecords.of(cloud.cloud().state()).list("333333333333", cloud.region(), "AWS::KMS::Alias"))
                .extracting(ResourceRecords.Entry::physicalId).contains("alias/crossdeploy");
    }

    private static PolicyDocument keyPolicy(String keyArn) throws Exception {
        var key = ResourceRecords.of(cloud.cloud().state()).list("333333333333", cloud.region(), "AWS::KMS::Key").stream()
                .filter(e -> keyArn.endsWith(e.physicalId())).findFirst().orElseThrow();
        return PolicyDocument.parse(new ObjectMapper().writeValueAsString(key.properties().get("KeyPolicy")));
    }
}
