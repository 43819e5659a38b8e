package dev.crossdeploy.localcloud.kms;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.Policies;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KMS keys and aliases through the SDK, their AWS errors, and S3 refusing SSE-KMS writes with an unknown key. */
class KmsKeysTest {
    private static final String MISSING = "1234abcd-12ab-34cd-56ef-1234567890ab";

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private KmsClient kms() { return cloud.as("staging").kms(); }

    @Test
    void aKeyIsDescribedByIdArnAliasAndAliasArn() {
        KmsClient kms = kms();
        KeyMetadata created = kms.createKey(r -> r.description("artifacts")).keyMetadata();
        kms.createAlias(r -> r.aliasName("alias/artifacts").targetKeyId(created.keyId()));

        assertThat(created.arn()).isEqualTo("arn:aws:kms:us-east-1:222222222222:key/" + created.keyId());
        assertThat(created.keyState()).isEqualTo(KeyState.ENABLED);
        for (String ref : new String[]{created.keyId(), created.arn(), "alias/artifacts",
                "arn:aws:kms:us-east-1:222222222222:alias/artifacts"}) {
            KeyMetadata m = kms.describeKey(r -> r.keyId(ref)).keyMetadata();
            assertThat(m.keyId()).as(ref).isEqualTo(created.keyId());
            assertThat(m.description()).isEqualTo("artifacts");
            assertThat(m.awsAccountId()).isEqualTo("222222222222");
        }
        assertThat(kms.listAliases().aliases()).extracting(AliasListEntry::aliasName, AliasListEntry::targetKeyId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alias/artifacts", created.keyId()));
    }

    @Test
    void anUnknownKeyOrAliasIsNotFoundWithAwsText() {
        KmsClient kms = kms();
        assertNotFound(kms, MISSING, "Key 'arn:aws:kms:us-east-1:222222222222:key/" + MISSING + "' does not exist");
        assertNotFound(kms, "alias/nope", "Alias arn:aws:kms:us-east-1:222222222222:alias/nope is not found.");
        assertNotFound(kms, "not-a-key", "Invalid keyId not-a-key");
        // Keys are per account: another account's key id is not found here.
        String prodKey = cloud.as("prod").kms().createKey(r -> {}).keyMetadata().keyId();
        assertNotFound(kms, prodKey, "Key 'arn:aws:kms:us-east-1:222222222222:key/" + prodKey + "' does not exist");
    }

    @Test
    void aDisabledOrDeletedKeyShowsItsState() {
        KmsClient kms = kms();
        String id = kms.createKey(r -> {}).keyMetadata().keyId();
        kms.disableKey(r -> r.keyId(id));
        assertThat(kms.describeKey(r -> r.keyId(id)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(7));
        assertThat(kms.describeKey(r -> r.keyId(id)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_DELETION);
    }

    @Test
    void describeKeyNeedsKmsDescribeKey() {
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(Policies.trustAccount("222222222222")));
        iam.putRolePolicy(r -> r.roleName("deployer").policyName("p").policyDocument(Policies.allow("s3:*", "*")));
        var session = cloud.as("staging").sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/deployer")
                .roleSessionName("dev"));
        String id = kms().createKey(r -> {}).keyMetadata().keyId();

        assertThatThrownBy(() -> Clients.from(cloud, session).kms().describeKey(r -> r.keyId(id)))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::222222222222:assumed-role/"
                            + "deployer/dev is not authorized to perform: kms:DescribeKey on resource: arn:aws:kms:us-east-1:"
                            + "222222222222:key/" + id + " because no identity-based policy allows the kms:DescribeKey action");
                });
    }

    @Test
    void keysAndAliasesMadeByCloudFormationAreRealKeys() {
        var cfn = cloud.as("staging").cloudFormation();
        var stack = Stacks.create(cfn, "keys", """
                Resources:
                  Key:
                    Type: AWS::KMS::Key
                  Alias:
                    Type: AWS::KMS::Alias
                    Properties:
                      AliasName: alias/from-stack
                      TargetKeyId: !Ref Key
                Outputs:
                  KeyId:
                    Value: !Ref Key
                """);
        String keyId = Stacks.output(stack, "KeyId");
        assertThat(kms().describeKey(r -> r.keyId("alias/from-stack")).keyMetadata().keyId()).isEqualTo(keyId);

        cfn.deleteStack(r -> r.stackName("keys"));
        Stacks.await(() -> kms().describeKey(r -> r.keyId(keyId)).keyMetadata().keyState() == KeyState.PENDING_DELETION,
                "the stack's key pending deletion");
        assertNotFound(kms(), "alias/from-stack", "Alias arn:aws:kms:us-east-1:222222222222:alias/from-stack is not found.");
    }

    @Test
    void s3RefusesAnSseKmsWriteWithAnUnknownKeyAndWritesNothing() {
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("artifacts"));

        for (String ref : new String[]{MISSING, "alias/nope"}) {
            assertThatThrownBy(() -> s3.putObject(r -> r.bucket("artifacts").key("a.zip")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(ref), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.NotFoundException");
                    });
            assertThatThrownBy(() -> s3.createMultipartUpload(r -> r.bucket("artifacts").key("b.zip")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(ref)))
                    .isInstanceOfSatisfying(S3Exception.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.NotFoundException"));
        }
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("artifacts").key("a.zip")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(MISSING), RequestBody.fromString("x")))
                .hasMessageStartingWith("Key 'arn:aws:kms:us-east-1:222222222222:key/" + MISSING + "' does not exist");
        assertThat(s3.listObjectsV2(r -> r.bucket("artifacts")).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(r -> r.bucket("artifacts")).uploads()).isEmpty();

        String id = kms().createKey(r -> {}).keyMetadata().keyId();
        kms().createAlias(r -> r.aliasName("alias/artifacts").targetKeyId(id));
        s3.putObject(r -> r.bucket("artifacts").key("a.zip").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("alias/artifacts"), RequestBody.fromString("x"));
        assertThat(s3.headObject(r -> r.bucket("artifacts").key("a.zip")).ssekmsKeyId()).isEqualTo("alias/artifacts");
    }

    private static void assertNotFound(KmsClient kms, String ref, String message) {
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId(ref)))
                .isInstanceOfSatisfying(NotFoundException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message));
    }
}
