package dev.crossdeploy.it.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * API, QA, the approval and production; then a push whose integration test fails stops before QA
 * and prod, and a CodeBuild role that may not assume QA's deploy role fails DeployQA with the
 * plugin's one-line error. The first run's timings go to {@code target/pipeline/benchmark.txt}
 * ({@link PipelineTimings}). Long (several Maven builds): runs in the
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
        deleteRecursively(repository); // a fresh repository on every run, also without mvn clean
        copySources(Path.of(System.getProperty("example.api.dir")), repository);
        git("init", "-q", "-b", "master");
        git("add", "-A");
        git("-c", "user.name=Pipeline IT", "-c", "user.email=it@example.com", "commit", "-q", "-m", "example-api for the central pipeline");
    }

    @Test
    @Order(1)
    void aPushToMasterCarriesTheServiceThroughEveryStageToProduction() throws Exception {
        Instant pushedAt = Instant.now();
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
        writeBenchmark(pushedAt, executions().get(0).path("pipelineExecutionId").asText());
    }

    /** What the first run took, action by action, and the pipeline's overhead: target/pipeline/benchmark.txt. */
    private void writeBenchmark(Instant pushedAt, String executionId) throws Exception {
        List<JsonNode> actions = actionExecutions(executionId);
        Map<String, JsonNode> builds = new HashMap<>();
        for (JsonNode a : actions) {
            String id = a.path("output").path("executionResult").path("externalExecutionId").asText();
            if (a.path("input").path("actionTypeId").path("provider").asText().equals("CodeBuild")) builds.put(id, build(id));
        }
        String report = PipelineTimings.report(pushedAt, actions, builds);
        Files.writeString(Path.of(System.getProperty("pipeline.work.dir")).resolve("benchmark.txt"), report);
        System.out.println("CentralPipelineIT benchmark, git push to prod:\n" + report);
    }

    @Test
    @Order(2)
    void everyActionsLogIsInThePipelineAccountWithoutSecrets() {
        try (var logs = ItCloud.client(CloudWatchLogsClient.builder(), PORT, "pipeline")) {
            for (String group : List.of("build", "deploy", "integration-test")) {
                List<String> lines = logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/codebuild/" + PIPELINE + "-" + group))
                        .events().stream().map(e -> e.message()).toList();
                assertThat(lines).as(group).isNotEmpty().noneMatch(l -> l.matches("(?s).*\\b(ASIA|AKIA)[A-Z0-9]{16}\\b.*"))
                        .noneMatch(l -> l.contains("SessionToken") || l.contains("secret/key"))
                        // The local STS's session tokens all start with LCST.
                        .noneMatch(l -> l.matches("(?s).*LCST[A-Za-z0-9+/=]{20,}.*"));
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

    @Test
    @Order(4)
    void aPushThatBreaksAnIntegrationTestStopsBeforeQaAndProdKeepsItsArtifact() throws Exception {
        String prodArtifact = prodArtifact();
        git("checkout", "-q", "master");
        // A new class changes the artifact; the new IT fails only against the deployed staging API.
        Path main = repository.resolve("src/main/java/dev/crossdeploy/example/notes/ReleaseMarker.java");
        Files.writeString(main, "package dev.crossdeploy.example.notes;\n\nfinal class ReleaseMarker {\n"
                + "    static final String RELEASE = \"broken-integration-test\";\n\n    private ReleaseMarker() {}\n}\n");
        Files.writeString(repository.resolve(BROKEN_IT), BROKEN_IT_SOURCE);
        commit("An integration test that the deployed API cannot pass");
        List<String> before = executionIds();
        git("push", "-q", cloneUrl(), "master");

        JsonNode execution = awaitNewExecution(before, Duration.ofMinutes(15));
        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("Failed");
        List<JsonNode> actions = actionExecutions(execution.path("pipelineExecutionId").asText());
        assertThat(statusByAction(actions)).containsEntry("Build", "Succeeded").containsEntry("DeployStaging", "Succeeded")
                .containsEntry("IntegrationTests", "Failed").doesNotContainKeys("DeployQA", "ApproveProduction", "DeployProd");
        assertThat(stageStatus(aws("codepipeline", "get-pipeline-state", "--name", PIPELINE), "IntegrationTests")).isEqualTo("Failed");

        JsonNode failed = action(actions, "IntegrationTests");
        List<String> log = buildLog(failed.path("output").path("executionResult").path("externalExecutionId").asText());
        assertThat(log).as("integration-test build log").anyMatch(l -> l.contains("UnknownNoteIT.anUnknownNoteIsFound"))
                .anyMatch(l -> l.contains("[ERROR] Tests run:") && l.contains("Failures: 1"));
        // Staging runs the new artifact; prod still runs the one the first run approved.
        assertThat(prodArtifact()).isEqualTo(prodArtifact);
        assertThat(stackArtifact("staging")).isNotEqualTo(prodArtifact);
    }

    @Test
    @Order(5)
    void aDeployRoleTheCodeBuildRoleMayNotAssumeFailsThatStagesDeployWithOneLine() throws Exception {
        Files.delete(repository.resolve(BROKEN_IT));
        commit("Remove the integration test the API cannot pass");
        JsonNode original = aws("iam", "get-role-policy", "--role-name", CODEBUILD_ROLE, "--policy-name", "codebuild")
                .path("PolicyDocument");
        ObjectNode reduced = original.deepCopy();
        for (JsonNode statement : reduced.path("Statement")) {
            if (!statement.path("Sid").asText().equals("AssumeDeployRoles")) continue;
            ArrayNode resources = JSON.createArrayNode();
            statement.path("Resource").forEach(r -> { if (!r.asText().equals(QA_DEPLOY_ROLE)) resources.add(r); });
            assertThat(resources).hasSize(2);
            ((ObjectNode) statement).set("Resource", resources);
        }
        aws("iam", "put-role-policy", "--role-name", CODEBUILD_ROLE, "--policy-name", "codebuild",
                "--policy-document", JSON.writeValueAsString(reduced));
        try {
            List<String> before = executionIds();
            git("push", "-q", cloneUrl(), "master");
            JsonNode execution = awaitNewExecution(before, Duration.ofMinutes(15));
            assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("Failed");
            List<JsonNode> actions = actionExecutions(execution.path("pipelineExecutionId").asText());
            assertThat(statusByAction(actions)).containsEntry("DeployStaging", "Succeeded")
                    .containsEntry("IntegrationTests", "Succeeded").containsEntry("DeployQA", "Failed")
                    .doesNotContainKeys("ApproveProduction", "DeployProd");

            String buildId = action(actions, "DeployQA").path("output").path("executionResult").path("externalExecutionId").asText();
            JsonNode build = build(buildId);
            assertThat(build.path("logs").path("groupName").asText()).isEqualTo("/aws/codebuild/" + PIPELINE + "-deploy");
            List<String> log = buildLog(buildId);
            String caller = "arn:aws:sts::" + ItCloud.accountId("pipeline") + ":assumed-role/" + CODEBUILD_ROLE
                    + "/AWSCodeBuild-" + buildId.substring(buildId.indexOf(':') + 1);
            String expected = "[ERROR] Failed to execute goal dev.crossdeploy:crossdeploy-maven-plugin:"
                    + System.getProperty("crossdeploy.version") + ":upload-to-account (default-cli) on project example-api:"
                    + " Access denied assuming deploy role " + QA_DEPLOY_ROLE + " for stage 'qa' as " + caller
                    + "; check that the role exists, that its trust policy trusts this caller's account and whether it"
                    + " requires an sts:ExternalId (set the stage's externalId), and that the caller may call"
                    + " sts:AssumeRole on it. -> [Help 1]";
            assertThat(log.stream().filter(l -> l.startsWith("[ERROR]") && l.contains(QA_DEPLOY_ROLE)).toList())
                    .as("the DeployQA build log's [ERROR] lines about the QA deploy role").containsExactly(expected);
            assertThat(log).as("DeployQA build log").noneMatch(l -> l.contains("software.amazon.awssdk")
                    || l.matches(".*\\b(Sts|Sdk|AwsService|SdkClient|SdkService)Exception\\b.*"));
        } finally {
            aws("iam", "put-role-policy", "--role-name", CODEBUILD_ROLE, "--policy-name", "codebuild",
                    "--policy-document", JSON.writeValueAsString(original));
        }
    }

    private static final String CODEBUILD_ROLE = PIPELINE + "-codebuild";
    private static final String QA_DEPLOY_ROLE = "arn:aws:iam::333333333333:role/crossdeploy-deploy";
    private static final String BROKEN_IT = "src/test/java/dev/crossdeploy/example/notes/UnknownNoteIT.java";
    private static final String BROKEN_IT_SOURCE = """
            package dev.crossdeploy.example.notes;

            import dev.crossdeploy.example.notes.support.ApiAddress;
            import org.junit.jupiter.api.Test;

            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;

            import static org.assertj.core.api.Assertions.assertThat;

            /** Expects what the API does not do: a note nobody created. */
            class UnknownNoteIT {
                @Test
                void anUnknownNoteIsFound() throws Exception {
                    String base = ApiAddress.reachable(System.getProperty("apiUrl"), System.getenv("AWS_ENDPOINT_URL"));
                    HttpResponse<String> response = HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/notes/nobody-created-this")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                }
            }
            """;

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("-c", "user.name=Pipeline IT", "-c", "user.email=it@example.com", "commit", "-q", "-m", message);
    }

    /** The prod stack's artifact, as its ArtifactKey parameter (content-addressed: it names the SHA-256) records it. */
    private String prodArtifact() {
        return stackArtifact("prod");
    }

    private String stackArtifact(String stage) {
        try (var cfn = ItCloud.cloudFormation(PORT, stage)) {
            var stack = cfn.describeStacks(r -> r.stackName("example-api-" + stage)).stacks().get(0);
            String key = stack.parameters().stream().filter(p -> p.parameterKey().equals("ArtifactKey"))
                    .map(Parameter::parameterValue).findFirst().orElse("");
            assertThat(key).as(stage + " ArtifactKey").matches(".*example-api/[0-9a-f]{64}\\.zip");
            return key;
        }
    }

    private List<String> executionIds() throws Exception {
        return executions().stream().map(e -> e.path("pipelineExecutionId").asText()).toList();
    }

    /** The execution a push started after {@code before}, once it has ended. */
    private JsonNode awaitNewExecution(List<String> before, Duration bound) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            List<JsonNode> fresh = executions().stream().filter(e -> !before.contains(e.path("pipelineExecutionId").asText())).toList();
            if (fresh.size() == 1 && !List.of("InProgress", "Stopping").contains(fresh.get(0).path("status").asText())) {
                return fresh.get(0);
            }
            assertThat(fresh).as("executions started by one push").hasSizeLessThanOrEqualTo(1);
            if (Instant.now().isAfter(deadline)) throw new AssertionError("No execution ended within " + bound + ": " + fresh);
            Thread.sleep(2_000); // a poll interval, bounded by the deadline above
        }
    }

    private List<JsonNode> actionExecutions(String executionId) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        aws("codepipeline", "list-action-executions", "--pipeline-name", PIPELINE,
                "--filter", "pipelineExecutionId=" + executionId).path("actionExecutionDetails").forEach(list::add);
        return list;
    }

    private static Map<String, String> statusByAction(List<JsonNode> actions) {
        Map<String, String> out = new HashMap<>();
        actions.forEach(a -> out.put(a.path("actionName").asText(), a.path("status").asText()));
        return out;
    }

    private static JsonNode action(List<JsonNode> actions, String name) {
        return actions.stream().filter(a -> a.path("actionName").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no action " + name + " in " + actions));
    }

    private JsonNode build(String buildId) throws Exception {
        return aws("codebuild", "batch-get-builds", "--ids", buildId).path("builds").get(0);
    }

    /** A build's CloudWatch Logs stream in the pipeline account, line by line. */
    private List<String> buildLog(String buildId) throws Exception {
        JsonNode logs = build(buildId).path("logs");
        try (var client = ItCloud.client(CloudWatchLogsClient.builder(), PORT, "pipeline")) {
            return client.filterLogEventsPaginator(r -> r.logGroupName(logs.path("groupName").asText())
                            .logStreamNames(logs.path("streamName").asText()))
                    .events().stream().flatMap(e -> e.message().lines()).toList();
        }
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
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
