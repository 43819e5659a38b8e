package dev.crossdeploy.localcloud.multiaccount;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journey the plugin makes: from the pipeline account, through a role, into a deployment account. */
class CrossAccountDeployTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final String TEMPLATE = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: made-in-staging
            Outputs:
              BucketArn:
                Value: !GetAtt Bucket.Arn
            """;

    @Test
    void aRoleInStagingAssumedFromThePipelineCreatesItsStackAndBucketInStaging() {
        var stagingIam = cloud.as("staging").iam();
        stagingIam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        stagingIam.putRolePolicy(r -> r.roleName("deployer").policyName("deploy").policyDocument("""
                {"Statement":[{"Effect":"Allow","Action":["cloudformation:*","s3:*"],"Resource":"*"}]}"""));
        Clients session = Clients.from(cloud, cloud.as("pipeline").sts()
                .assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/deployer").roleSessionName("ci")));

        var cfn = session.cloudFormation();
        cfn.createChangeSet(r -> r.stackName("svc").changeSetName("c1").changeSetType("CREATE").templateBody(TEMPLATE));
        // The SDK's waiters poll every 30 s by default; the local cloud settles in milliseconds.
        java.util.function.Consumer<software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration.Builder> quickPolls = o -> o
                .backoffStrategy(software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(java.time.Duration.ofMillis(50)))
                .maxAttempts(600);
        cfn.waiter().waitUntilChangeSetCreateComplete(r -> r.stackName("svc").changeSetName("c1"), quickPolls);
        cfn.executeChangeSet(r -> r.stackName("svc").changeSetName("c1"));
        var stack = cfn.waiter().waitUntilStackCreateComplete(r -> r.stackName("svc"), quickPolls).matched().response().get().stacks().get(0);

        assertThat(stack.stackId()).startsWith("arn:aws:cloudformation:us-east-1:222222222222:stack/svc/");
        assertThat(stack.outputs()).anyMatch(o -> o.outputValue().equals("arn:aws:s3:::made-in-staging"));
        // The stack and the bucket are staging's: its root sees them, the pipeline account does not.
        assertThat(cloud.as("staging").cloudFormation().describeStacks(r -> r.stackName("svc")).stacks()).hasSize(1);
        assertThatThrownBy(() -> cloud.as("pipeline").cloudFormation().describeStacks(r -> r.stackName("svc")))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stack with id svc does not exist"));
        assertThat(cloud.as("staging").s3().listBuckets().buckets()).extracting(b -> b.name()).contains("made-in-staging");
        assertThat(cloud.as("pipeline").s3().listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("made-in-staging");
        assertThatThrownBy(() -> cloud.as("pipeline").s3().headBucket(r -> r.bucket("made-in-staging")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
}
