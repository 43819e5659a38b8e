package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.codepipeline.SmallPipeline;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI against the CodePipeline API: follow a pushed change with
 * get-pipeline-state, approve it with put-approval-result and the token the state shows,
 * list the executions, and AWS's error for a pipeline that does not exist.
 */
class AwsCliCodePipelineTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        assertThat(AWS).as("Debian's AWS CLI is missing: run 'apt-get install awscli' (CI does it in .ci/run)").isExecutable();
    }

    private Result aws(String... args) throws IOException, InterruptedException {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\noutput = json\n");
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", cloud.cloud().endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        env.put("AWS_PAGER", "");
        var a = cloud.cloud().account("pipeline");
        env.put("AWS_ACCESS_KEY_ID", a.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", a.secretAccessKey());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("aws " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException { return JSON.readTree(out); }
    }

    @Test
    void followAndApproveAPushedChange() throws Exception {
        String commit = new SmallPipeline(cloud, dir).deploy().push("master", SmallPipeline.BUILD_YML, "from the CLI test");

        // Follow the execution with get-pipeline-state until the approval hands out its token.
        JsonNode[] state = new JsonNode[1];
        Stacks.await(() -> {
            try {
                Result r = aws("codepipeline", "get-pipeline-state", "--name", SmallPipeline.NAME);
                assertThat(r.exit()).as(r.err()).isZero();
                state[0] = r.json();
                return state[0].at("/stageStates/2/actionStates/0/latestExecution/token").isTextual();
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "the approval's token");
        assertThat(state[0].path("pipelineName").asText()).isEqualTo("small");
        assertThat(state[0].at("/stageStates/0/actionStates/0/currentRevision/revisionId").asText()).isEqualTo(commit);
        assertThat(state[0].at("/stageStates/1/latestExecution/status").asText()).isEqualTo("Succeeded");
        String executionId = state[0].at("/stageStates/2/latestExecution/pipelineExecutionId").asText();
        String token = state[0].at("/stageStates/2/actionStates/0/latestExecution/token").asText();

        Result approved = aws("codepipeline", "put-approval-result", "--pipeline-name", "small", "--stage-name", "Approval",
                "--action-name", "Approve", "--token", token, "--result", "summary=approved from the CLI,status=Approved");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.json().has("approvedAt")).isTrue();

        Stacks.await(() -> {
            try {
                Result r = aws("codepipeline", "get-pipeline-execution", "--pipeline-name", "small",
                        "--pipeline-execution-id", executionId);
                return r.json().at("/pipelineExecution/status").asText().equals("Succeeded");
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "the execution to succeed");
        Result list = aws("codepipeline", "list-pipeline-executions", "--pipeline-name", "small");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.json().at("/pipelineExecutionSummaries/0/sourceRevisions/0/revisionSummary").asText())
                .isEqualTo("from the CLI test");

        Result missing = aws("codepipeline", "get-pipeline-state", "--name", "nope");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("An error occurred (PipelineNotFoundException) when calling the GetPipelineState "
                + "operation: Account '111111111111' does not have a pipeline with name 'nope'");
    }
}
