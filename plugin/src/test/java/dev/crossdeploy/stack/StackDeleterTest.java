package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.OutputsFile;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.sts.StsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** delete-stack and outputs against a deployed stack. */
class StackDeleterTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    static final String STACK = "orders-staging";
    static final Timing FAST = Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(200));

    @TempDir
    Path dir;

    final RecordingReporter reporter = new RecordingReporter();

    void deploy(Stage stage) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, StackDeployerTest.TABLE_TEMPLATE);
        new StackDeployer(cloud.cfn(), TemplateUploader.none(), reporter, FAST).deploy(new DeployRequest(stage, STACK, file,
                StackDeployerTest.ARTIFACT, null, Set.of(), false, null, dir.resolve("deployed")));
        reporter.clear();
    }

    StackDeleter deleter() { return new StackDeleter(cloud.cfn(), reporter, FAST); }

    @Test
    void deletesTheStackStreamingItsEvents() throws Exception {
        Stage staging = cloud.stage("staging", Map.of(), false);
        deploy(staging);

        boolean deleted = deleter().delete(new DeleteRequest(staging, STACK, null));

        assertThat(deleted).isTrue();
        assertThatThrownBy(() -> cloud.cfn().describeStacks(b -> b.stackName(STACK)))
                .isInstanceOf(CloudFormationException.class).hasMessageContaining("does not exist");
        assertThat(reporter.messages())
                .contains("Deleting stack orders-staging in stage staging", "Stack orders-staging deleted")
                .anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d  Table +AWS::DynamoDB::Table +DELETE_COMPLETE"));
    }

    @Test
    void aStackAnotherCallerIsDeletingEndsAsSuccessOnceGone() throws Exception {
        Stage staging = cloud.stage("staging", Map.of(), false);
        deploy(staging);
        // Slow resource deletion keeps the other caller's deletion in progress while the goal starts.
        cloud.cloud().state().resourceDelayMillis(1_500);
        cloud.cfn().deleteStack(b -> b.stackName(STACK));

        // A bounded timeout: before the fix this waited for a DELETE_COMPLETE stack to move until it ran out.
        boolean deleted = deleter().delete(new DeleteRequest(staging, STACK, Duration.ofMinutes(2)));

        assertThat(deleted).isTrue();
        assertThat(reporter.messages())
                .contains("Stack orders-staging is already being deleted (DELETE_IN_PROGRESS); waiting for it to be gone",
                        "Stack orders-staging deleted")
                .noneSatisfy(l -> assertThat(l).startsWith("still waiting"));
        assertThatThrownBy(() -> cloud.cfn().describeStacks(b -> b.stackName(STACK)))
                .isInstanceOf(CloudFormationException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aStackAlreadyDeletedIsDeletedAgainWithoutWaiting() throws Exception {
        Stage staging = cloud.stage("staging", Map.of(), false);
        deploy(staging);
        String id = cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackId();
        deleter().delete(new DeleteRequest(staging, STACK, null));
        reporter.clear();

        // By id, CloudFormation still shows a deleted stack (DELETE_COMPLETE) and accepts DeleteStack on it.
        boolean deleted = deleter().delete(new DeleteRequest(staging, id, Duration.ofMinutes(2)));

        assertThat(deleted).isFalse();
        assertThat(reporter.messages()).containsExactly("Stack " + id + " does not exist in stage staging: nothing to delete");
    }

    @Test
    void aMissingStackIsNothingToDelete() {
        boolean deleted = deleter().delete(new DeleteRequest(cloud.stage("qa", Map.of(), false), "nothing-here", null));

        assertThat(deleted).isFalse();
        assertThat(reporter.messages()).containsExactly("Stack nothing-here does not exist in stage qa: nothing to delete");
    }

    @Test
    void protectedStagesAreRefused() throws Exception {
        Stage prod = cloud.stage("prod", Map.of(), true);
        deploy(prod);

        assertThatThrownBy(() -> deleter().delete(new DeleteRequest(prod, STACK, null)))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused: stage prod is protected and crossdeploy does not delete its stacks; delete stack orders-staging by hand if you really mean it");
        assertThat(cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    void outputsGoalWritesTheDeployedStacksOutputs() throws Exception {
        Stage staging = cloud.stage("staging", Map.of(), false);
        deploy(staging);

        StackOutputs.Result result = new StackOutputs(cloud.cfn(), reporter, FAST)
                .fetch(new OutputsRequest(staging, STACK, dir.resolve("it")));

        assertThat(result.file()).isEqualTo(dir.resolve("it/staging-outputs.json"));
        assertThat(OutputsFile.read(result.file())).containsEntry("TableName", "orders-staging")
                .containsEntry("Artifact", "orders/3f2a.zip");
        assertThat(reporter.messages()).contains("Outputs of stack orders-staging:");
    }

    @Test
    void aRequestCloudFormationRefusesIsAOneLineError() throws Exception {
        deploy(cloud.stage("staging", Map.of(), false));
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + cloud.accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        cloud.cloud().state().iam().createRole(cloud.accountId(), "no-cloudformation", "/", trust, null, 3600);
        var account = cloud.cloud().account(StackCloud.ACCOUNT);
        var root = StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.of(cloud.cloud().region()))
                .credentialsProvider(root).build()) {
            var assumed = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + cloud.accountId() + ":role/no-cloudformation")
                    .roleSessionName("test")).credentials();
            try (CloudFormationClient denied = CloudFormationClient.builder().endpointOverride(cloud.cloud().endpoint())
                    .region(Region.of(cloud.cloud().region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken())))
                    .build()) {
                Stage staging = cloud.stage("staging", Map.of(), false);

                assertThatThrownBy(() -> new StackOutputs(denied, reporter, FAST).fetch(new OutputsRequest(staging, STACK, dir)))
                        .isInstanceOf(CrossdeployException.class)
                        .hasMessageStartingWith("CloudFormation refused a request for stack orders-staging in stage staging: AccessDenied: ")
                        .hasMessageContaining("cloudformation:DescribeStacks")
                        .hasMessageNotContaining(assumed.secretAccessKey());
            }
        }
    }

    @Test
    void outputsOfAMissingStackSayToDeployFirst() {
        Stage qa = cloud.stage("qa", Map.of(), false);

        assertThatThrownBy(() -> new StackOutputs(cloud.cfn(), reporter, FAST).fetch(new OutputsRequest(qa, "orders-qa", dir)))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stack orders-qa does not exist in stage qa; deploy it first (deploy-stack -Dstage=qa)");
    }
}
