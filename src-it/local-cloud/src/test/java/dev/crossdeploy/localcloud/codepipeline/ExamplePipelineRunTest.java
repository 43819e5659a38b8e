package dev.crossdeploy.localcloud.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.codecommit.CodeCommitUrls;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.GitCli;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * example-api's real pipeline template, without Maven: a push of a tiny repository whose
 * buildspec only echoes {@code $ACTION $STAGE} runs all seven stages in order, each CodeBuild
 * action with its EnvironmentVariables, and stops at the approval until it is approved.
 */
class ExamplePipelineRunTest {
    private static final Path PIPELINE = Path.of("../../example-api/pipeline/pipeline.yaml");
    private static final String BUILDSPEC = """
            version: 0.2
            phases:
              build:
                commands:
                  - echo "running $ACTION $STAGE"
            artifacts:
              files:
                - buildspec.yml
            """;

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @Test
    void aPushRunsTheSevenStagesInOrderAndWaitsForTheApproval() throws Exception {
        Stack stack = Stacks.create(cloud.as("pipeline").cloudFormation(), "example-api-pipeline", Files.readString(PIPELINE),
                Parameter.builder().parameterKey("StagingAccountId").parameterValue("222222222222").build(),
                Parameter.builder().parameterKey("QaAccountId").parameterValue("333333333333").build(),
                Parameter.builder().parameterKey("ProdAccountId").parameterValue("444444444444").build());
        String pipeline = Stacks.output(stack, "PipelineName");
        String url = CodeCommitUrls.local(Stacks.output(stack, "RepositoryCloneUrl"), cloud.cloud().endpoint());
        var a = cloud.cloud().account("pipeline");
        GitCli git = new GitCli(dir.resolve("home"), Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey()));
        Path work = dir.resolve("work");
        git.commit(work, "buildspec.yml", BUILDSPEC);
        git.ok(work, "push", "-q", url, "HEAD:master");

        PipelineApi api = new PipelineApi(cloud, "pipeline");
        String id = api.awaitExecutionNumber(pipeline, 1);
        String token = api.awaitApprovalToken(pipeline, "Approval", id);
        for (String stage : List.of("Source", "Build", "DeployStaging", "IntegrationTests", "DeployQA")) {
            assertThat(api.stage(pipeline, stage).at("/latestExecution/status").asText()).as(stage).isEqualTo("Succeeded");
        }
        assertThat(api.stage(pipeline, "DeployProd").has("latestExecution")).isFalse();
        assertThat(api.execution(pipeline, id).path("status").asText()).isEqualTo("InProgress");

        api.approve(pipeline, "Approval", "ApproveProduction", token, "Approved", "ship it");
        api.awaitExecution(pipeline, id, "Succeeded");

        JsonNode details = api.call("ListActionExecutions", PipelineApi.body().put("pipelineName", pipeline))
                .path("actionExecutionDetails");
        List<JsonNode> actions = new ArrayList<>();
        details.forEach(actions::add);
        actions.sort(Comparator.comparingDouble(d -> d.path("startTime").asDouble()));
        assertThat(actions).extracting(d -> d.path("stageName").asText()).containsExactly(
                "Source", "Build", "DeployStaging", "IntegrationTests", "DeployQA", "Approval", "DeployProd");
        assertThat(actions).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("Succeeded"));

        String stackName = "example-api-pipeline";
        assertThat(logs("/aws/codebuild/" + stackName + "-build")).anyMatch(l -> l.strip().equals("running build"));
        assertThat(logs("/aws/codebuild/" + stackName + "-deploy")).filteredOn(l -> l.startsWith("running deploy"))
                .extracting(String::strip).containsExactly("running deploy staging", "running deploy qa", "running deploy prod");
        assertThat(logs("/aws/codebuild/" + stackName + "-integration-test")).anyMatch(l -> l.strip().equals("running integration-test staging"));
    }

    private List<String> logs(String group) {
        List<FilteredLogEvent> events = new ArrayList<>(cloud.as("pipeline").logs()
                .filterLogEventsPaginator(r -> r.logGroupName(group)).events().stream().toList());
        events.sort(Comparator.comparingLong(FilteredLogEvent::timestamp));
        return events.stream().map(FilteredLogEvent::message).toList();
    }
}
