package dev.crossdeploy.it.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.it.ItCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The central pipeline as the product runs it, on the local cloud: example-api's
 * {@code pipeline.yaml} deployed into the pipeline account, example-api pushed to its CodeCommit
 * repository, and the push alone carrying it through CodePipeline and CodeBuild (the buildspec,
 * Maven and the plugin for real) to staging, the integration tests against the deployed staging
 * API, QA, the approval and production. Long (several Maven builds): runs in the
 * {@code pipeline-e2e} profile, which .ci/run calls after the main test command.
 */
@Tag("pipeline-e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CentralPipelineIT {
    private static final String PORT = System.getProperty("localcloud.port");
    private static final String PIPELINE = "example-api-pipeline";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PIPELINE_KEYS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIAPIPELINE11111111",
            "AWS_SECRET_ACCESS_KEY", "pipeline/secret/key/for/the/local/cloud1");

    private Path repository;

    @BeforeAll
    void deployThePipelineIntoThePipelineAccount() throws Exception {
        assertThat(PORT).as("localcloud.port system property").isNotBlank();
        ItCloud.prepare(PORT);
        String template = Files.readString(Path.of(System.getProperty("example.api.dir")).resolve("pipeline/pipeline.yaml"));
        try (CloudFormationClient cfn = ItCloud.cloudFormation(PORT, "pipeline")) {
            cfn.createChangeSet(r -> r.stackName(PIPELINE).changeSetName("create").changeSetType("CREATE")
                    .templateBody(template).capabilities(Capability.CAPABILITY_NAMED_IAM)
                    .parameters(parameter("StagingAccountId", "222222222222"), parameter("QaAccountId", "333333333333"),
                            parameter("ProdAccountId", "444444444444")));
            cfn.waiter().waitUntilChangeSetCreateComplete(r -> r.stackName(PIPELINE).changeSetName("create"));
            cfn.executeChangeSet(r -> r.stackName(PIPELINE).changeSetName("create"));
            cfn.waiter().waitUntilStackCreateComplete(r -> r.stackName(PIPELINE));
        }
        repository = Path.of(System.getProperty("pipeline.work.dir")).resolve("example-api-repository");
        copySources(Path.of(System.getProperty("example.api.dir")), repository);
        git("init", "-q", "-b", "master");
        git("add", "-A");
        git("-c", "user.name=Pipeline IT", "-c", "user.email=it@example.com", "commit", "-q", "-m", "example-api for the central pipeline");
    }

    @Test
    @Order(1)
    void aPushToMasterCarriesTheServiceThroughEveryStageToProduction() throws Exception {
        git("push", "-q", cloneUrl(), "master");

        JsonNode approval = awaitState(state -> actionState(state, "Approval", "ApproveProduction").path("latestExecution")
                .path("status").asText().equals("InProgress"), Duration.ofMinutes(20));
        for (String stage : List.of("Source", "Build", "DeployStaging", "IntegrationTests", "DeployQA")) {
            assertThat(stageStatus(approval, stage)).as(stage).isEqualTo("Succeeded");
        }
        assertThat(stageStatus(approval, "DeployProd")).isNotEqualTo("Succeeded");
        String token = actionState(approval, "Approval", "ApproveProduction").path("latestExecution").path("token").asText();
        aws("codepipeline", "put-approval-result", "--pipeline-name", PIPELINE, "--stage-name", "Approval",
                "--action-name", "ApproveProduction", "--token", token,
                "--result", "summary=Approved by CentralPipelineIT,status=Approved");

        JsonNode done = awaitState(state -> !stageStatus(state, "DeployProd").isEmpty()
                && !stageStatus(state, "DeployProd").equals("InProgress"), Duration.ofMinutes(10));
        assertThat(stageStatus(done, "DeployProd")).isEqualTo("Succeeded");
        for (String stage : List.of("staging", "qa", "prod")) {
            try (var cfn = ItCloud.cloudFormation(PORT, stage)) {
                assertThat(cfn.describeStacks(r -> r.stackName("example-api-" + stage)).stacks().get(0).stackStatusAsString())
                        .as(stage).isEqualTo("CREATE_COMPLETE");
            }
        }
    }

    @Test
    @Order(2)
    void everyActionsLogIsInThePipelineAccountWithoutSecrets() {
        try (var logs = ItCloud.client(CloudWatchLogsClient.builder(), PORT, "pipeline")) {
            for (String group : List.of("build", "deploy", "integration-test")) {
                List<String> lines = logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/codebuild/" + PIPELINE + "-" + group))
                        .events().stream().map(e -> e.message()).toList();
                assertThat(lines).as(group).isNotEmpty().noneMatch(l -> l.matches("(?s).*\\b(ASIA|AKIA)[A-Z0-9]{16}\\b.*"))
                        .noneMatch(l -> l.contains("SessionToken") || l.contains("secret/key"));
            }
        }
    }

    @Test
    @Order(3)
    void aPushToAnotherBranchStartsNothing() throws Exception {
        int before = executions().size();
        git("checkout", "-q", "-b", "feature/readme");
        Files.writeString(repository.resolve("NOTES.md"), "work in progress\n");
        git("add", "-A");
        git("-c", "user.name=Pipeline IT", "-c", "user.email=it@example.com", "commit", "-q", "-m", "work in progress");
        git("push", "-q", cloneUrl(), "feature/readme");
        assertThat(executions()).hasSize(before);
    }

    private List<JsonNode> executions() throws Exception {
        List<JsonNode> list = new ArrayList<>();
        aws("codepipeline", "list-pipeline-executions", "--pipeline-name", PIPELINE).path("pipelineExecutionSummaries").forEach(list::add);
        return list;
    }

    private String cloneUrl() {
        return "http://localhost:" + PORT + "/v1/repos/example-api";
    }

    private JsonNode awaitState(java.util.function.Predicate<JsonNode> done, Duration bound) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            JsonNode state = aws("codepipeline", "get-pipeline-state", "--name", PIPELINE);
            if (done.test(state)) return state;
            state.path("stageStates").forEach(s -> assertThat(s.path("latestExecution").path("status").asText())
                    .as("stage " + s.path("stageName").asText() + ": " + s).isNotEqualTo("Failed"));
            if (Instant.now().isAfter(deadline)) throw new AssertionError("The pipeline did not get there within " + bound + ": " + state);
            Thread.sleep(2_000); // a poll interval, bounded by the deadline above
        }
    }

    private static String stageStatus(JsonNode state, String stage) {
        for (JsonNode s : state.path("stageStates")) {
            if (s.path("stageName").asText().equals(stage)) return s.path("latestExecution").path("status").asText();
        }
        return "";
    }

    private static JsonNode actionState(JsonNode state, String stage, String action) {
        for (JsonNode s : state.path("stageStates")) {
            if (!s.path("stageName").asText().equals(stage)) continue;
            for (JsonNode a : s.path("actionStates")) {
                if (a.path("actionName").asText().equals(action)) return a;
            }
        }
        return JSON.createObjectNode();
    }

    /** The Debian AWS CLI as the pipeline account's administrator; its JSON answer. */
    private JsonNode aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", "http://localhost:" + PORT,
                "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        String out = run(command, Path.of(System.getProperty("pipeline.work.dir")));
        return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
    }

    /** git in the repository copy, authenticated by the AWS CLI's CodeCommit credential helper. */
    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git",
                "-c", "credential.helper=!f() { if [ \"$1\" = get ]; then /usr/bin/aws codecommit credential-helper get --ignore-host-check; fi; }; f",
                "-c", "credential.UseHttpPath=true"));
        command.addAll(List.of(args));
        run(command, repository);
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path out = Files.createTempFile("cmd", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(PIPELINE_KEYS);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
        }
        String text = Files.readString(out);
        Files.delete(out);
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text);
        return text;
    }

    private static Parameter parameter(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target") || rel.startsWith("node_modules")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
