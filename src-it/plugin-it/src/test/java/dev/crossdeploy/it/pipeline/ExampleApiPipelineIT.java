package dev.crossdeploy.it.pipeline;

import dev.crossdeploy.it.ItCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.crossdeploy.localcloud.apigateway.ExecuteApiUrls;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * example-api through its own buildspec, as the central pipeline runs it, against the local
 * cloud: build once, deploy staging, refuse prod before the tests, run ApiIT against the
 * deployed staging API (the uploaded function, the staging account's table), deploy QA and
 * prod with the same bytes; then ship a code change the same way and see every stage serve it. The pipeline account's keys are the base credentials, as CodeBuild's
 * role would be. About two minutes, so it runs in the {@code pipeline-e2e} profile with
 * {@link CentralPipelineIT}, not in the test command.
 */
@Tag("pipeline-e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleApiPipelineIT {
    private static final String PORT = System.getProperty("localcloud.port");
    private static final Map<String, String> ACCOUNTS = Map.of("staging", "222222222222", "qa", "333333333333", "prod", "444444444444");

    private Path project;
    private BuildspecRunner buildspec;
    private String sha256;
    private int actions;

    @BeforeAll
    void copyExampleApiAndResetTheCloud() throws Exception {
        assertThat(PORT).as("localcloud.port system property (set by the module's failsafe configuration)").isNotBlank();
        Path source = Path.of(System.getProperty("example.api.dir"));
        project = Path.of(System.getProperty("pipeline.work.dir")).resolve("example-api");
        copy(source, project);
        ItCloud.prepare(PORT);
        buildspec = new BuildspecRunner(project, Map.of(
                "AWS_ENDPOINT_URL", "http://localhost:" + PORT,
                "AWS_ACCESS_KEY_ID", "AKIAPIPELINE11111111",
                "AWS_SECRET_ACCESS_KEY", "pipeline/secret/key/for/the/local/cloud1",
                "AWS_REGION", "us-east-1",
                "AWS_EC2_METADATA_DISABLED", "true",
                "CODEBUILD_BUILD_ID", "example-api-pipeline:1",
                // The local cloud's S3 is path-style; the plugin version is the one this build made.
                "MAVEN_OPTS", "-Xmx768m -Dcrossdeploy.pathStyleAccess=true -Dcrossdeploy.version=" + System.getProperty("crossdeploy.version")
                        + " -Dmaven.repo.local=" + System.getProperty("maven.repo.local")));
    }

    private BuildspecRunner.Result action(String action, String stage, Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("ACTION", action);
        if (stage != null) env.put("STAGE", stage);
        Path log = project.getParent().resolve(++actions + "-" + action + (stage == null ? "" : "-" + stage) + ".log");
        return buildspec.run(env, log);
    }

    @Test
    @Order(1)
    void buildVerifiesAndPackagesOnce() throws Exception {
        var result = action("build", null, Map.of());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Tests run:").doesNotContain("FAILURE");
        String manifest = Files.readString(project.resolve("target/crossdeploy/artifact.json"));
        sha256 = manifest.replaceAll("(?s).*\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\".*", "$1");
        assertThat(sha256).hasSize(64);
    }

    @Test
    @Order(2)
    void stagingReceivesTheArtifactAndTheStack() throws Exception {
        var result = action("deploy", "staging", Map.of());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(stack("staging").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(outputs(stack("staging"))).containsKeys("ApiUrl", "TableName");
        assertThat(artifactKeys("staging")).containsExactly("example-api/" + sha256 + ".zip");
    }

    @Test
    @Order(3)
    void prodRefusesAnArtifactNotYetTestedInStaging() throws Exception {
        var result = action("deploy", "prod", Map.of());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Refusing to deploy example-api sha256 " + sha256 + " to prod: "
                + "it has not passed the integration tests in staging");
        try (var cfn = ItCloud.cloudFormation(PORT, "prod")) {
            assertThat(cfn.listStacks().stackSummaries()).isEmpty();
        }
        assertThat(artifactKeys("prod")).isEmpty();
    }

    @Test
    @Order(4)
    void integrationTestsPassAgainstTheDeployedStagingApiAndRecordThePass() throws Exception {
        var result = action("integration-test", "staging", Map.of());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("staging stack's ApiUrl: https://")
                .containsPattern("Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [0-9.]+ s -- in dev.crossdeploy.example.notes.ApiIT");
        // The deployed function answered them: its log group in staging shows the live version's invocations.
        assertThat(functionLog("staging")).anyMatch(line -> line.startsWith("START RequestId: ") && line.contains("Version: 1"));
        try (var s3 = ItCloud.s3(PORT, "staging")) {
            assertThat(s3.headObject(r -> r.bucket(bucket("staging")).key("example-api/verified/" + sha256 + ".json"))
                    .contentLength()).isPositive();
        }
        try (Stream<Path> reports = Files.list(project.resolve("target/failsafe-reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("TEST-") && n.contains("ApiIT"));
        }
    }

    @Test
    @Order(5)
    void qaAndProdReceiveTheSameBytes() throws Exception {
        for (String stage : List.of("qa", "prod")) {
            var result = action("deploy", stage, Map.of());
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(stack(stage).stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        }
        for (String stage : ACCOUNTS.keySet()) {
            assertThat(artifactKeys(stage)).as(stage).containsExactly("example-api/" + sha256 + ".zip");
        }
        assertThat(stack("prod").enableTerminationProtection()).isTrue();
        assertThat(stack("qa").enableTerminationProtection()).isFalse();
    }

    @Test
    @Order(6)
    void eachStageKeepsItsNotesInItsOwnAccountsTable() throws Exception {
        HttpResponse<String> created = http("POST", api("staging") + "/notes", "{\"title\": \"kept in staging\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        assertThat(noteIds("staging")).contains(id);
        assertThat(noteIds("qa")).doesNotContain(id);
        assertThat(http("GET", api("qa") + "/notes/" + id, null).statusCode()).isEqualTo(404);
        assertThat(http("GET", api("staging") + "/notes/" + id, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aCodeChangeGoesThroughEveryStageAndIsServed() throws Exception {
        Files.writeString(project.resolve("src/main/java/dev/crossdeploy/example/notes/ReleaseMarker.java"), """
                package dev.crossdeploy.example.notes;

                /** A second release of the service, as the pipeline test ships it. */
                final class ReleaseMarker {
                    static final String RELEASE = "2";
                    private ReleaseMarker() {
                    }
                }
                """);
        String firstSha256 = sha256;
        buildVerifiesAndPackagesOnce();
        assertThat(sha256).isNotEqualTo(firstSha256);

        assertThat(action("deploy", "staging", Map.of())).satisfies(r -> assertThat(r.exitCode()).as(r.output()).isZero());
        assertThat(action("integration-test", "staging", Map.of())).satisfies(r -> assertThat(r.exitCode()).as(r.output()).isZero());
        for (String stage : List.of("qa", "prod")) {
            var result = action("deploy", stage, Map.of());
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
        String codeSha256 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
        for (String stage : ACCOUNTS.keySet()) {
            assertThat(stack(stage).stackStatusAsString()).as(stage).isEqualTo("UPDATE_COMPLETE");
            try (var lambda = ItCloud.client(LambdaClient.builder(), PORT, stage)) {
                var live = lambda.getFunction(r -> r.functionName("example-api-" + stage).qualifier("live")).configuration();
                assertThat(live.version()).as(stage).isEqualTo("2");
                assertThat(live.codeSha256()).as(stage + ": the live alias runs the new artifact").isEqualTo(codeSha256);
            }
            HttpResponse<String> served = http("POST", api(stage) + "/notes", "{\"title\": \"after the change\"}");
            assertThat(served.statusCode()).as(stage + ": " + served.body()).isEqualTo(201);
            assertThat(functionLog(stage)).as(stage).anyMatch(line -> line.startsWith("START RequestId: ") && line.contains("Version: 2"));
        }
    }

    private Stack stack(String stage) {
        try (var cfn = ItCloud.cloudFormation(PORT, stage)) {
            return cfn.describeStacks(r -> r.stackName("example-api-" + stage)).stacks().get(0);
        }
    }

    /** The stage's API as the local cloud serves it, from the stack's ApiUrl output written for AWS. */
    private String api(String stage) {
        return ExecuteApiUrls.local(outputs(stack(stage)).get("ApiUrl"), URI.create("http://localhost:" + PORT)).toString();
    }

    private static HttpResponse<String> http(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Ids of the notes in the stage account's own table, read with that account's keys. */
    private List<String> noteIds(String stage) {
        String table = outputs(stack(stage)).get("TableName");
        try (var dynamo = ItCloud.client(DynamoDbClient.builder(), PORT, stage)) {
            return dynamo.scanPaginator(r -> r.tableName(table)).items().stream().map(item -> item.get("id").s()).toList();
        }
    }

    /** Every line the stage's function logged, from the stage account's CloudWatch Logs. */
    private List<String> functionLog(String stage) {
        try (var logs = ItCloud.client(CloudWatchLogsClient.builder(), PORT, stage)) {
            return logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/example-api-" + stage)).events().stream()
                    .map(e -> e.message().strip()).toList();
        }
    }

    private static Map<String, String> outputs(Stack stack) {
        Map<String, String> out = new java.util.TreeMap<>();
        stack.outputs().forEach(o -> out.put(o.outputKey(), o.outputValue()));
        return out;
    }

    private static String bucket(String stage) {
        return "crossdeploy-artifacts-" + ACCOUNTS.get(stage) + "-us-east-1";
    }

    /** Artifact objects (not verification records) in the stage's bucket. */
    private List<String> artifactKeys(String stage) {
        try (var s3 = ItCloud.s3(PORT, stage)) {
            return s3.listObjectsV2(r -> r.bucket(bucket(stage))).contents().stream()
                    .map(S3Object::key).filter(k -> k.endsWith(".zip")).toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
