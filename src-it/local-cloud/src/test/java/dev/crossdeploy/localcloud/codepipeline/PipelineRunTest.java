package dev.crossdeploy.localcloud.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.events.EventsModule;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small pipeline deployed by CloudFormation, started by pushes through EventBridge: Source →
 * Build → Approval → Deploy with artifacts passed between actions through S3, a failing build
 * or a rejected approval stopping the execution, another branch starting nothing, and a newer
 * push superseding an execution waiting to enter the approval stage.
 */
class PipelineRunTest {
    private static final String P = SmallPipeline.NAME;

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    private SmallPipeline pipeline;
    private PipelineApi api;

    @BeforeEach
    void deploy() throws Exception {
        pipeline = new SmallPipeline(cloud, dir).deploy();
        api = new PipelineApi(cloud, "pipeline");
    }

    @Test
    void aPushToMasterRunsSourceBuildApprovalAndDeploy() throws Exception {
        String commit = pipeline.push("master", SmallPipeline.BUILD_YML, "first change");
        String id = api.awaitExecutionNumber(P, 1);
        String token = api.awaitApprovalToken(P, "Approval", id);

        // Waiting at the approval: Source and Build done, Deploy not started.
        JsonNode source = api.stage(P, "Source");
        assertThat(source.at("/latestExecution/status").asText()).isEqualTo("Succeeded");
        assertThat(source.at("/actionStates/0/currentRevision/revisionId").asText()).isEqualTo(commit);
        JsonNode build = api.stage(P, "Build");
        assertThat(build.at("/latestExecution/status").asText()).isEqualTo("Succeeded");
        assertThat(build.at("/actionStates/0/latestExecution/externalExecutionId").asText()).startsWith("small-build:");
        assertThat(api.stage(P, "Approval").at("/actionStates/0/latestExecution/status").asText()).isEqualTo("InProgress");
        assertThat(api.stage(P, "Deploy").has("latestExecution")).isFalse();
        assertThat(api.execution(P, id).path("status").asText()).isEqualTo("InProgress");

        JsonNode approved = api.approve(P, "Approval", "Approve", token, "Approved", "looks good");
        assertThat(approved.path("approvedAt").isNumber()).isTrue();
        JsonNode done = api.awaitExecution(P, id, "Succeeded");
        assertThat(done.at("/artifactRevisions/0/revisionId").asText()).isEqualTo(commit);
        assertThat(done.at("/artifactRevisions/0/revisionSummary").asText()).isEqualTo("first change");
        assertThat(done.at("/trigger/triggerType").asText()).isEqualTo("CloudWatchEvent");
        JsonNode approval = api.stage(P, "Approval").at("/actionStates/0/latestExecution");
        assertThat(approval.path("summary").asText()).isEqualTo("looks good");
        assertThat(approval.path("lastUpdatedBy").asText()).isEqualTo("arn:aws:iam::111111111111:root");

        // The artifacts: zips in the bucket under <pipeline>/<artifact, 10 chars>/<random>; the build's holds built.txt.
        JsonNode actions = api.call("ListActionExecutions", PipelineApi.body().put("pipelineName", P)
                .set("filter", PipelineApi.body().put("pipelineExecutionId", id))).path("actionExecutionDetails");
        assertThat(actions).hasSize(4);
        JsonNode buildAction = find(actions, "Build");
        String sourceKey = buildAction.at("/input/inputArtifacts/0/s3location/key").asText();
        String buildKey = buildAction.at("/output/outputArtifacts/0/s3location/key").asText();
        assertThat(sourceKey).matches("small/SourceArti/[A-Za-z0-9]{7}");
        assertThat(buildKey).matches("small/BuildArtif/[A-Za-z0-9]{7}");
        assertThat(find(actions, "Deploy").at("/input/inputArtifacts/0/s3location/key").asText()).isEqualTo(buildKey);
        assertThat(zipEntries(buildKey)).contains("built.txt", "build.yml", "deploy.yml");

        // The builds' logs are in their projects' log groups; the deploy saw the build's file.
        assertThat(logs("/aws/codebuild/small-build")).anyMatch(l -> l.contains("building vanilla for codepipeline/small"));
        assertThat(logs("/aws/codebuild/small-deploy")).anyMatch(l -> l.contains("deploying built vanilla to prod"));
        // env printed every variable: no secret key or session token of any session appears.
        List<String> all = new ArrayList<>(logs("/aws/codebuild/small-build"));
        all.addAll(logs("/aws/codebuild/small-deploy"));
        String secret = cloud.cloud().account("pipeline").secretAccessKey();
        assertThat(all).noneMatch(l -> l.contains(secret) || l.matches(".*AWS_(SECRET_ACCESS_KEY|SESSION_TOKEN)=.+"));
    }

    @Test
    void aFailingBuildStopsTheExecutionBeforeLaterStages() throws Exception {
        pipeline.push("master", SmallPipeline.BUILD_YML.replace("- env | sort", "- exit 3"), "broken");
        String id = api.awaitExecutionNumber(P, 1);
        JsonNode e = api.awaitExecution(P, id, "Failed");
        JsonNode build = api.stage(P, "Build");
        assertThat(build.at("/latestExecution/status").asText()).isEqualTo("Failed");
        JsonNode action = build.at("/actionStates/0/latestExecution");
        assertThat(action.path("status").asText()).isEqualTo("Failed");
        assertThat(action.path("summary").asText())
                .isEqualTo("Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: "
                        + "Error while executing command: exit 3. Reason: exit status 3");
        assertThat(action.path("externalExecutionId").asText()).startsWith("small-build:");
        assertThat(e.path("statusSummary").asText()).isEqualTo(action.path("summary").asText());
        assertThat(api.stage(P, "Approval").has("latestExecution")).isFalse();
        assertThat(api.stage(P, "Deploy").has("latestExecution")).isFalse();
    }

    @Test
    void aRejectedApprovalStopsBeforeTheLastStage() throws Exception {
        pipeline.push("master", SmallPipeline.BUILD_YML, "to reject");
        String id = api.awaitExecutionNumber(P, 1);
        String token = api.awaitApprovalToken(P, "Approval", id);
        api.approve(P, "Approval", "Approve", token, "Rejected", "not today");
        api.awaitExecution(P, id, "Failed");
        JsonNode approval = api.stage(P, "Approval");
        assertThat(approval.at("/latestExecution/status").asText()).isEqualTo("Failed");
        assertThat(approval.at("/actionStates/0/latestExecution/summary").asText()).isEqualTo("not today");
        assertThat(api.stage(P, "Deploy").has("latestExecution")).isFalse();

        PipelineApi.Failure again = expectFailure(() -> api.approve(P, "Approval", "Approve", token, "Approved", "changed my mind"));
        assertThat(again.code).isEqualTo("ApprovalAlreadyCompletedException");
    }

    @Test
    void aPushToAnotherBranchStartsNothing() throws Exception {
        pipeline.push("feature", SmallPipeline.BUILD_YML, "on a branch");
        EventsModule events = cloud.cloud().state().module(EventsModule.class);
        Stacks.await(() -> events.recentEvents().size() == 1, "the push's event");
        assertThat(api.executions(P)).isEmpty();
        // Then master: the first execution is this push's, so the branch push started none.
        String master = pipeline.push("master", SmallPipeline.BUILD_YML, "on master");
        String id = api.awaitExecutionNumber(P, 1);
        api.awaitApprovalToken(P, "Approval", id);
        assertThat(api.executions(P)).singleElement()
                .satisfies(e -> assertThat(e.at("/sourceRevisions/0/revisionId").asText()).isEqualTo(master));
    }

    @Test
    void aNewerExecutionSupersedesOneWaitingToEnterTheApprovalStage() throws Exception {
        pipeline.push("master", SmallPipeline.BUILD_YML, "one");
        String first = api.awaitExecutionNumber(P, 1);
        String token = api.awaitApprovalToken(P, "Approval", first);

        // The second waits after its build: the approval stage is busy with the first.
        pipeline.push("master", SmallPipeline.BUILD_YML, "two");
        String second = api.awaitExecutionNumber(P, 2);
        api.awaitStage(P, "Build", second, "Succeeded");
        assertThat(api.execution(P, second).path("status").asText()).isEqualTo("InProgress");

        // The third, done with its build, takes the second's place in the queue.
        String third = pipeline.push("master", SmallPipeline.BUILD_YML, "three");
        String thirdId = api.awaitExecutionNumber(P, 3);
        JsonNode superseded = api.awaitExecution(P, second, "Superseded");
        assertThat(superseded.at("/artifactRevisions/0/revisionSummary").asText()).isEqualTo("two");
        assertThat(api.stage(P, "Build").at("/latestExecution/pipelineExecutionId").asText()).isEqualTo(thirdId);
        assertThat(api.execution(P, thirdId).path("status").asText()).isEqualTo("InProgress");

        // The first goes on once approved; then the third enters the approval.
        api.approve(P, "Approval", "Approve", token, "Approved", "first");
        api.awaitExecution(P, first, "Succeeded");
        String thirdToken = api.awaitApprovalToken(P, "Approval", thirdId);
        api.approve(P, "Approval", "Approve", thirdToken, "Approved", "third");
        JsonNode done = api.awaitExecution(P, thirdId, "Succeeded");
        assertThat(done.at("/artifactRevisions/0/revisionId").asText()).isEqualTo(third);
        assertThat(api.executions(P)).extracting(e -> e.path("status").asText())
                .containsExactly("Succeeded", "Superseded", "Succeeded");
    }

    @Test
    void aResetStopsExecutionsWaitingAtAnApproval() throws Exception {
        pipeline.push("master", SmallPipeline.BUILD_YML, "waits");
        String id = api.awaitExecutionNumber(P, 1);
        api.awaitApprovalToken(P, "Approval", id);
        CodePipelineModule module = cloud.cloud().state().module(CodePipelineModule.class);
        PipelineExecution execution = module.runs("111111111111", "us-east-1", P).find(id).orElseThrow();
        ActionRun approval = execution.stage("Approval").orElseThrow().actions().get(0);

        cloud.cloud().reset();
        // Reset returns with the execution ended and its approval's thread released.
        assertThat(execution.isComplete()).isTrue();
        assertThat(execution.status()).isEqualTo("Stopped");
        Stacks.await(approval::isComplete, "the approval to be abandoned");
        assertThat(approval.status()).isEqualTo("Abandoned");
        assertThat(expectFailure(() -> api.state(P)).code).isEqualTo("PipelineNotFoundException");
    }

    private static JsonNode find(JsonNode actions, String name) {
        for (JsonNode a : actions) if (a.path("actionName").asText().equals(name)) return a;
        throw new AssertionError("no action " + name);
    }

    private List<String> zipEntries(String key) throws Exception {
        byte[] zip = cloud.as("pipeline").s3().getObjectAsBytes(r -> r.bucket(pipeline.bucket()).key(key)).asByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) names.add(e.getName());
        }
        return names;
    }

    private List<String> logs(String group) {
        return cloud.as("pipeline").logs().filterLogEventsPaginator(r -> r.logGroupName(group)).events().stream()
                .map(FilteredLogEvent::message).toList();
    }

    static PipelineApi.Failure expectFailure(Runnable call) {
        try {
            call.run();
        } catch (PipelineApi.Failure f) {
            return f;
        }
        throw new AssertionError("the call succeeded");
    }
}
