package dev.crossdeploy.localcloud.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static dev.crossdeploy.localcloud.codepipeline.PipelineRunTest.expectFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CodePipeline API on the small pipeline: GetPipeline's declaration, StartPipelineExecution,
 * StopPipelineExecution, the pipeline role's IAM decisions failing an action, and AWS's errors.
 */
class PipelineApiTest {
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
    void getPipelineShowsTheDeclaration() {
        JsonNode got = api.call("GetPipeline", PipelineApi.body().put("name", P));
        JsonNode p = got.path("pipeline");
        assertThat(p.path("roleArn").asText()).isEqualTo("arn:aws:iam::111111111111:role/small-codepipeline");
        assertThat(p.at("/artifactStore/location").asText()).isEqualTo(pipeline.bucket());
        assertThat(p.path("stages")).extracting(s -> s.path("name").asText()).containsExactly("Source", "Build", "Approval", "Deploy");
        assertThat(p.at("/stages/0/actions/0/configuration/PollForSourceChanges").asText()).isEqualTo("false");
        assertThat(p.at("/stages/1/actions/0/configuration/EnvironmentVariables").asText())
                .isEqualTo("[{\"name\":\"FLAVOUR\",\"value\":\"vanilla\",\"type\":\"PLAINTEXT\"}]");
        assertThat(p.at("/stages/1/actions/0/actionTypeId/provider").asText()).isEqualTo("CodeBuild");
        assertThat(p.path("version").asInt()).isEqualTo(1);
        assertThat(p.path("executionMode").asText()).isEqualTo("SUPERSEDED");
        assertThat(got.at("/metadata/pipelineArn").asText()).isEqualTo("arn:aws:codepipeline:us-east-1:111111111111:small");
    }

    @Test
    void unknownPipelinesExecutionsStagesAndTokensAreAwsErrors() throws Exception {
        PipelineApi.Failure missing = expectFailure(() -> api.state("nope"));
        assertThat(missing.code).isEqualTo("PipelineNotFoundException");
        assertThat(missing.getMessage()).isEqualTo("Account '111111111111' does not have a pipeline with name 'nope'");
        assertThat(expectFailure(() -> api.call("StartPipelineExecution", PipelineApi.body().put("name", "nope"))).code)
                .isEqualTo("PipelineNotFoundException");

        String unknown = UUID.randomUUID().toString();
        PipelineApi.Failure noExecution = expectFailure(() -> api.execution(P, unknown));
        assertThat(noExecution.code).isEqualTo("PipelineExecutionNotFoundException");
        assertThat(noExecution.getMessage()).isEqualTo("Pipeline execution ID " + unknown + " does not exist in pipeline small");

        pipeline.push("master", SmallPipeline.BUILD_YML, "first");
        String id = api.awaitExecutionNumber(P, 1);
        String token = api.awaitApprovalToken(P, "Approval", id);

        PipelineApi.Failure wrongToken = expectFailure(() -> api.approve(P, "Approval", "Approve", unknown, "Approved", "ok"));
        assertThat(wrongToken.code).isEqualTo("InvalidApprovalTokenException");
        PipelineApi.Failure badToken = expectFailure(() -> api.approve(P, "Approval", "Approve", "abc", "Approved", "ok"));
        assertThat(badToken.code).isEqualTo("ValidationException");
        assertThat(badToken.getMessage()).isEqualTo("1 validation error detected: Value 'abc' at 'token' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        PipelineApi.Failure badStatus = expectFailure(() -> api.approve(P, "Approval", "Approve", token, "Maybe", "ok"));
        assertThat(badStatus.getMessage()).isEqualTo("1 validation error detected: Value 'Maybe' at 'result.status' failed to "
                + "satisfy constraint: Member must satisfy enum value set: [Approved, Rejected]");
        assertThat(expectFailure(() -> api.approve(P, "Nope", "Approve", token, "Approved", "ok")).code).isEqualTo("StageNotFoundException");
        assertThat(expectFailure(() -> api.approve(P, "Approval", "Nope", token, "Approved", "ok")).code).isEqualTo("ActionNotFoundException");

        api.approve(P, "Approval", "Approve", token, "Approved", "ok");
        assertThat(expectFailure(() -> api.approve(P, "Approval", "Approve", token, "Approved", "again")).code)
                .isEqualTo("ApprovalAlreadyCompletedException");
        api.awaitExecution(P, id, "Succeeded");
    }

    @Test
    void startAndStopThroughTheApi() throws Exception {
        pipeline.push("master", SmallPipeline.BUILD_YML, "master");
        String first = api.awaitExecutionNumber(P, 1);
        api.awaitApprovalToken(P, "Approval", first);

        JsonNode stopped = api.call("StopPipelineExecution", PipelineApi.body().put("pipelineName", P)
                .put("pipelineExecutionId", first).put("abandon", true).put("reason", "no longer needed"));
        assertThat(stopped.path("pipelineExecutionId").asText()).isEqualTo(first);
        JsonNode e = api.awaitExecution(P, first, "Stopped");
        assertThat(e.path("statusSummary").asText()).isEqualTo("no longer needed");
        assertThat(api.stage(P, "Approval").at("/actionStates/0/latestExecution/status").asText()).isEqualTo("Abandoned");
        assertThat(api.stage(P, "Deploy").has("latestExecution")).isFalse();
        PipelineApi.Failure again = expectFailure(() -> api.call("StopPipelineExecution", PipelineApi.body().put("pipelineName", P)
                .put("pipelineExecutionId", first)));
        assertThat(again.code).isEqualTo("PipelineExecutionNotStoppableException");

        String second = api.call("StartPipelineExecution", PipelineApi.body().put("name", P)).path("pipelineExecutionId").asText();
        JsonNode started = api.execution(P, second);
        assertThat(started.at("/trigger/triggerType").asText()).isEqualTo("StartPipelineExecution");
        assertThat(started.at("/trigger/triggerDetail").asText()).isEqualTo("arn:aws:iam::111111111111:root");
        api.awaitApprovalToken(P, "Approval", second);
        assertThat(api.executions(P)).extracting(x -> x.path("pipelineExecutionId").asText()).containsExactly(second, first);
    }

    @Test
    void aPipelineRoleWithoutStartBuildFailsTheBuildAction() throws Exception {
        cloud.as("pipeline").iam().putRolePolicy(r -> r.roleName("small-codepipeline").policyName("pipeline").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":["codecommit:GetBranch","codecommit:UploadArchive","s3:GetObject","s3:PutObject"],"Resource":"*"}]}
                """));
        pipeline.push("master", SmallPipeline.BUILD_YML, "denied");
        String id = api.awaitExecutionNumber(P, 1);
        api.awaitExecution(P, id, "Failed");
        JsonNode action = api.stage(P, "Build").at("/actionStates/0/latestExecution");
        assertThat(action.path("status").asText()).isEqualTo("Failed");
        assertThat(action.path("summary").asText()).matches("Error calling startBuild: User: "
                + "arn:aws:sts::111111111111:assumed-role/small-codepipeline/[^ ]+ is not authorized to perform: codebuild:StartBuild "
                + "on resource: arn:aws:codebuild:us-east-1:111111111111:project/small-build because no identity-based policy "
                + "allows the codebuild:StartBuild action");
    }
}
