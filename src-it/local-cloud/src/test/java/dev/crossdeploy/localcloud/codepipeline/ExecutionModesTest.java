package dev.crossdeploy.localcloud.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution modes besides SUPERSEDED: QUEUED runs every execution, one per stage at a time in
 * start order; PARALLEL lets executions pass each other's approvals.
 */
class ExecutionModesTest {
    private static final String P = SmallPipeline.NAME;

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @Test
    void queuedExecutionsEachRunTheApprovalInTurn() throws Exception {
        SmallPipeline pipeline = new SmallPipeline(cloud, dir).deployInMode("QUEUED");
        PipelineApi api = new PipelineApi(cloud, "pipeline");
        pipeline.push("master", SmallPipeline.BUILD_YML, "one");
        String first = api.awaitExecutionNumber(P, 1);
        String firstToken = api.awaitApprovalToken(P, "Approval", first);
        pipeline.push("master", SmallPipeline.BUILD_YML, "two");
        String second = api.awaitExecutionNumber(P, 2);
        api.awaitStage(P, "Build", second, "Succeeded");
        pipeline.push("master", SmallPipeline.BUILD_YML, "three");
        String third = api.awaitExecutionNumber(P, 3);
        api.awaitStage(P, "Build", third, "Succeeded");
        assertThat(api.execution(P, second).path("status").asText()).isEqualTo("InProgress");

        api.approve(P, "Approval", "Approve", firstToken, "Approved", "1");
        api.approve(P, "Approval", "Approve", api.awaitApprovalToken(P, "Approval", second), "Approved", "2");
        api.approve(P, "Approval", "Approve", api.awaitApprovalToken(P, "Approval", third), "Approved", "3");
        api.awaitExecution(P, third, "Succeeded");
        assertThat(api.execution(P, first).path("status").asText()).isEqualTo("Succeeded");
        assertThat(api.execution(P, second).path("status").asText()).isEqualTo("Succeeded");
    }

    @Test
    void parallelExecutionsDoNotWaitForEachOther() throws Exception {
        SmallPipeline pipeline = new SmallPipeline(cloud, dir).deployInMode("PARALLEL");
        PipelineApi api = new PipelineApi(cloud, "pipeline");
        pipeline.push("master", SmallPipeline.BUILD_YML, "one");
        String first = api.awaitExecutionNumber(P, 1);
        parallelToken(api, first);
        pipeline.push("master", SmallPipeline.BUILD_YML, "two");
        String second = api.awaitExecutionNumber(P, 2);
        // The second reaches the approval while the first still waits there.
        String token = parallelToken(api, second);
        assertThat(api.stage(P, "Approval").at("/actionStates/0/latestExecution").has("token")).isFalse();
        api.approve(P, "Approval", "Approve", token, "Approved", "2");
        api.awaitExecution(P, second, "Succeeded");
        assertThat(api.execution(P, first).path("status").asText()).isEqualTo("InProgress");
    }

    /** In PARALLEL mode an approval's token is its action execution's externalExecutionId. */
    private static String parallelToken(PipelineApi api, String executionId) {
        String[] token = new String[1];
        Stacks.await(() -> {
            JsonNode details = api.call("ListActionExecutions", PipelineApi.body().put("pipelineName", P)
                    .set("filter", PipelineApi.body().put("pipelineExecutionId", executionId))).path("actionExecutionDetails");
            for (JsonNode d : details) {
                if (d.path("stageName").asText().equals("Approval")) token[0] = d.at("/output/executionResult/externalExecutionId").asText(null);
            }
            return token[0] != null;
        }, "the approval of " + executionId + " to wait");
        return token[0];
    }
}
