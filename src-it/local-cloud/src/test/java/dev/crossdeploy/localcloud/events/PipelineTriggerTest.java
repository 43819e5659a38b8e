package dev.crossdeploy.localcloud.events;

import dev.crossdeploy.localcloud.codecommit.CodeCommitUrls;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.GitCli;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * example-api's real pipeline template in the pipeline account: a git push to master of its
 * repository matches the PipelineTrigger rule, and EventBridge starts the pipeline as the rule's
 * role; a push to another branch starts nothing.
 */
class PipelineTriggerTest {
    private static final Path PIPELINE = Path.of("../../example-api/pipeline/pipeline.yaml");

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension(state -> new RecordingPipelineStarter());

    @TempDir
    Path dir;

    private RecordingPipelineStarter starter() { return cloud.cloud().state().module(RecordingPipelineStarter.class); }

    private EventsModule events() { return cloud.cloud().state().module(EventsModule.class); }

    private Stack deployPipeline() throws IOException {
        return Stacks.create(cloud.as("pipeline").cloudFormation(), "example-api-pipeline", Files.readString(PIPELINE),
                Parameter.builder().parameterKey("StagingAccountId").parameterValue("222222222222").build(),
                Parameter.builder().parameterKey("QaAccountId").parameterValue("333333333333").build(),
                Parameter.builder().parameterKey("ProdAccountId").parameterValue("444444444444").build());
    }

    @Test
    void aPushToMasterStartsThePipelineAsTheRuleRole() throws Exception {
        Stack stack = deployPipeline();
        String pipeline = Stacks.output(stack, "PipelineName");
        String url = CodeCommitUrls.local(Stacks.output(stack, "RepositoryCloneUrl"), cloud.cloud().endpoint());
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        git(work, "init", "-q");
        Files.writeString(work.resolve("buildspec.yml"), "version: 0.2\n");
        git(work, "add", ".");
        git(work, "commit", "-qm", "first");

        git(work, "push", "-q", url, "master");
        Stacks.await(() -> events().invocations().size() == 1, "the rule's target to be invoked");
        assertThat(events().invocations().get(0).succeeded()).as(events().invocations().get(0).error()).isTrue();
        assertThat(starter().starts).hasSize(1);
        RecordingPipelineStarter.Start start = starter().starts.get(0);
        assertThat(start.pipelineName()).isEqualTo(pipeline);
        assertThat(start.accountId()).isEqualTo("111111111111");
        assertThat(start.region()).isEqualTo("us-east-1");
        assertThat(start.startedBy().roleArn()).isEqualTo("arn:aws:iam::111111111111:role/example-api-pipeline-trigger");

        // Another branch: CodeCommit tells EventBridge, but the rule wants refs/heads/master only.
        git(work, "push", "-q", url, "master:feature");
        Stacks.await(() -> events().recentEvents().size() == 2, "the second push's event");
        assertThat(events().recentEvents().get(1).at("/detail/referenceFullName").asText()).isEqualTo("refs/heads/feature");
        // Then master again: the next delivery is this one, so the feature push delivered nothing.
        Files.writeString(work.resolve("buildspec.yml"), "version: 0.2\n# changed\n");
        git(work, "commit", "-qam", "second");
        git(work, "push", "-q", url, "master");
        Stacks.await(() -> events().invocations().size() == 2, "the second master push to be delivered");
        assertThat(starter().starts).hasSize(2);
    }

    @Test
    void aRuleRoleWithoutStartPipelineExecutionIsAFailedInvocation() throws Exception {
        Stack stack = deployPipeline();
        cloud.as("pipeline").iam().deleteRolePolicy(r -> r.roleName("example-api-pipeline-trigger").policyName("start-pipeline"));
        String url = CodeCommitUrls.local(Stacks.output(stack, "RepositoryCloneUrl"), cloud.cloud().endpoint());
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        git(work, "init", "-q");
        Files.writeString(work.resolve("a.txt"), "a\n");
        git(work, "add", ".");
        git(work, "commit", "-qm", "first");
        git(work, "push", "-q", url, "master");

        Stacks.await(() -> events().invocations().size() == 1, "the rule's target to be tried");
        TargetInvocation failed = events().invocations().get(0);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error()).contains("is not authorized to perform: codepipeline:StartPipelineExecution");
        assertThat(starter().starts).isEmpty();
    }

    private GitCli git;

    private void git(Path work, String... args) throws IOException, InterruptedException {
        if (git == null) {
            var a = cloud.cloud().account("pipeline");
            git = new GitCli(dir.resolve("home"), Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey()));
        }
        git.ok(work, args);
    }
}
