package dev.crossdeploy.localcloud.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.RawRequests;
import dev.crossdeploy.localcloud.support.Stacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.function.Predicate;

/**
 * Test helper: the CodePipeline API through signed JSON 1.1 calls (no SDK client for CodePipeline
 * is on this build's classpath) as an account's root, and bounded waits on a pipeline's state.
 */
final class PipelineApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudExtension cloud;
    private final String account;

    PipelineApi(CloudExtension cloud, String account) {
        this.cloud = cloud;
        this.account = account;
    }

    /** An error answer: code and message as a client sees them. */
    static final class Failure extends RuntimeException {
        final int status;
        final String code;

        Failure(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    JsonNode call(String operation, String body) {
        var a = cloud.cloud().account(account);
        HttpResponse<String> r = new RawRequests(cloud.cloud().endpoint()).signedJson("codepipeline",
                "CodePipeline_20150709." + operation, a.accessKeyId(), a.secretAccessKey(), body);
        try {
            JsonNode json = JSON.readTree(r.body());
            if (r.statusCode() != 200) throw new Failure(r.statusCode(), json.path("__type").asText(), json.path("message").asText(null));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode call(String operation, ObjectNode body) { return call(operation, body.toString()); }

    static ObjectNode body() { return JSON.createObjectNode(); }

    JsonNode state(String pipeline) { return call("GetPipelineState", body().put("name", pipeline)); }

    JsonNode executions(String pipeline) {
        return call("ListPipelineExecutions", body().put("pipelineName", pipeline)).path("pipelineExecutionSummaries");
    }

    JsonNode execution(String pipeline, String id) {
        return call("GetPipelineExecution", body().put("pipelineName", pipeline).put("pipelineExecutionId", id))
                .path("pipelineExecution");
    }

    /** A stage's state from GetPipelineState. */
    JsonNode stage(String pipeline, String stageName) {
        for (JsonNode s : state(pipeline).path("stageStates")) if (s.path("stageName").asText().equals(stageName)) return s;
        throw new AssertionError("no stage " + stageName);
    }

    /** Waits (bounded) until a stage's latest execution is this execution with this status. */
    JsonNode awaitStage(String pipeline, String stageName, String executionId, String status) {
        JsonNode[] last = new JsonNode[1];
        Stacks.await(() -> {
            last[0] = stage(pipeline, stageName);
            JsonNode le = last[0].path("latestExecution");
            return le.path("pipelineExecutionId").asText().equals(executionId) && le.path("status").asText().equals(status);
        }, "stage " + stageName + " of " + executionId + " to be " + status);
        return last[0];
    }

    /** Waits (bounded) for the approval of this stage to hand out its token, and returns it. */
    String awaitApprovalToken(String pipeline, String stageName, String executionId) {
        String[] token = new String[1];
        Stacks.await(() -> {
            JsonNode s = stage(pipeline, stageName);
            JsonNode action = s.path("actionStates").path(0).path("latestExecution");
            token[0] = action.path("token").asText(null);
            return s.path("latestExecution").path("pipelineExecutionId").asText().equals(executionId) && token[0] != null;
        }, "the approval in " + stageName + " to wait");
        return token[0];
    }

    /** Waits (bounded) until the execution's status satisfies {@code done}, and returns the execution. */
    JsonNode awaitExecution(String pipeline, String id, Predicate<String> done) {
        JsonNode[] e = new JsonNode[1];
        Stacks.await(() -> done.test((e[0] = execution(pipeline, id)).path("status").asText()), "execution " + id);
        return e[0];
    }

    JsonNode awaitExecution(String pipeline, String id, String status) {
        JsonNode e = awaitExecution(pipeline, id, s -> !s.equals("InProgress") && !s.equals("Stopping"));
        if (!e.path("status").asText().equals(status)) throw new AssertionError("execution " + id + " is " + e);
        return e;
    }

    /** Waits (bounded) for the pipeline's n-th execution (1 = first) to exist, and returns its id. */
    String awaitExecutionNumber(String pipeline, int n) {
        Stacks.await(() -> executions(pipeline).size() >= n, n + " executions of " + pipeline);
        JsonNode all = executions(pipeline);
        return all.get(all.size() - n).path("pipelineExecutionId").asText();
    }

    JsonNode approve(String pipeline, String stage, String action, String token, String status, String summary) {
        ObjectNode b = body().put("pipelineName", pipeline).put("stageName", stage).put("actionName", action).put("token", token);
        b.putObject("result").put("status", status).put("summary", summary);
        return call("PutApprovalResult", b);
    }
}
