package dev.crossdeploy.it.pipeline;

import dev.crossdeploy.it.ItCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * example-api through its own buildspec, as the central pipeline runs it, against the local
 * cloud: build once, deploy staging, refuse prod before the tests, test staging, deploy QA and
 * prod with the same bytes. The pipeline account's keys are the base credentials, as CodeBuild's
 * role would be.
 */
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
    void integrationTestsPassAgainstStagingAndRecordThePass() throws Exception {
        try (LocalApiStandIn api = LocalApiStandIn.start(project)) {
            var result = action("integration-test", "staging", Map.of("API_URL", api.url()));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Tests run:").contains("ApiIT")
                    .contains("staging stack's ApiUrl: https://");
        }
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

    private Stack stack(String stage) {
        try (var cfn = ItCloud.cloudFormation(PORT, stage)) {
            return cfn.describeStacks(r -> r.stackName("example-api-" + stage)).stacks().get(0);
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
