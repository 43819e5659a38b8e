package dev.crossdeploy.example.notes;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the buildspec's commands as CodeBuild would (install, then build) with stand-ins for
 * mvn and npm that record how they were called, to check what each pipeline action runs.
 */
class BuildspecTest {
    private static final String API_URL = "https://abc123.execute-api.us-east-1.amazonaws.com/staging";

    @TempDir
    Path workdir;

    private Map<String, Object> buildspec;
    private Path calls;

    @BeforeEach
    void prepare() throws IOException {
        Path basedir = Path.of(System.getProperty("example.basedir", System.getProperty("user.dir")));
        try (Reader reader = Files.newBufferedReader(basedir.resolve("buildspec.yml"))) {
            buildspec = new Yaml().load(reader);
        }
        calls = workdir.resolve("calls.log");
        Path bin = Files.createDirectories(workdir.resolve("fake-bin"));
        // mvn: records its arguments; the outputs goal writes the stage's outputs file as the plugin will.
        fakeTool(bin, "mvn", """
                echo "mvn $*" >> "$CALLS"
                case " $* " in
                  *" crossdeploy:outputs "*)
                    stage=$(printf '%s\\n' "$@" | sed -n 's/^-Dstage=//p')
                    mkdir -p target/crossdeploy
                    if [ -n "${FAKE_API_URL:-}" ]; then
                      printf '{"ApiUrl": "%s", "TableName": "t"}' "$FAKE_API_URL" > "target/crossdeploy/$stage-outputs.json"
                    else
                      printf '{"TableName": "t"}' > "target/crossdeploy/$stage-outputs.json"
                    fi;;
                esac
                """);
        fakeTool(bin, "npm", "echo \"npm $*\" >> \"$CALLS\"\n");
        fakeTool(bin, "java", "echo 'java (stand-in)'\n"); // the toolchain check; no JVM needed here
    }

    @Test
    void buildVerifiesThenPackagesOnce() throws Exception {
        Result result = run(Map.of("ACTION", "build"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).containsExactly(
                "mvn -v",
                "npm ci --no-audit --no-fund",
                "mvn -B verify",
                "mvn -B crossdeploy:package");
    }

    @Test
    void deployRunsUploadAndDeployForTheStageWithoutBuilding() throws Exception {
        Result result = run(Map.of("ACTION", "deploy", "STAGE", "qa"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).containsExactly(
                "mvn -v",
                "mvn -B crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=qa");
    }

    @Test
    void deployWithoutStageFailsSayingSo() throws Exception {
        Result result = run(Map.of("ACTION", "deploy"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("STAGE must be set for ACTION=deploy");
        assertThat(result.calls()).containsExactly("mvn -v");
    }

    @Test
    void integrationTestRunsFailsafeAgainstTheStagingApiUrl() throws Exception {
        Result result = run(Map.of("ACTION", "integration-test", "FAKE_API_URL", API_URL));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).containsExactly(
                "mvn -v",
                "mvn -B crossdeploy:outputs -Dstage=staging",
                "mvn -B verify -DskipUnitTests -Dcrossdeploy.output.ApiUrl=" + API_URL,
                "mvn -B crossdeploy:mark-verified -Dstage=staging");
    }

    @Test
    void integrationTestCanTestAnotherAddressOfTheSameApi() throws Exception {
        Result result = run(Map.of("ACTION", "integration-test", "FAKE_API_URL", API_URL,
                "API_URL", "http://localhost:8080/staging"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).contains(
                "mvn -B verify -DskipUnitTests -Dcrossdeploy.output.ApiUrl=http://localhost:8080/staging");
        assertThat(result.output()).contains("staging stack's ApiUrl: " + API_URL);
    }

    @Test
    void integrationTestWithoutApiUrlFailsSayingWhere() throws Exception {
        Result result = run(Map.of("ACTION", "integration-test"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains(
                "No ApiUrl in target/crossdeploy/staging-outputs.json: is the staging stack deployed?");
    }

    @Test
    void unknownActionFailsNamingTheChoices() throws Exception {
        Result result = run(Map.of("ACTION", "ship-it"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ACTION must be build, deploy or integration-test, not 'ship-it'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void exportsTheDeployableArtifactAndPublishesFailsafeReports() {
        Map<String, Object> artifacts = (Map<String, Object>) buildspec.get("artifacts");
        assertThat((List<String>) artifacts.get("files")).contains(
                "target/*-lambda.zip", "target/crossdeploy/artifact.json", "src/**/*", "pom.xml");

        Map<String, Object> reports = (Map<String, Object>) buildspec.get("reports");
        assertThat((Map<String, Object>) reports.get("integration-tests"))
                .containsEntry("base-directory", "target/failsafe-reports")
                .containsEntry("file-format", "JUNITXML");
    }

    private record Result(int exitCode, String output, List<String> calls) {
    }

    /** The install and build phases in order, stopping at the first failing command as CodeBuild does. */
    @SuppressWarnings("unchecked")
    private Result run(Map<String, String> actionEnvironment) throws Exception {
        Map<String, String> environment = new HashMap<>();
        ((Map<String, Object>) ((Map<String, Object>) buildspec.get("env")).get("variables"))
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        environment.putAll(actionEnvironment);
        environment.put("CALLS", calls.toString());
        environment.put("PATH", workdir.resolve("fake-bin") + ":" + System.getenv("PATH"));

        StringBuilder output = new StringBuilder();
        int exitCode = 0;
        Map<String, Object> phases = (Map<String, Object>) buildspec.get("phases");
        outer:
        for (String phase : List.of("install", "build")) {
            for (String command : (List<String>) ((Map<String, Object>) phases.get(phase)).get("commands")) {
                ProcessBuilder process = new ProcessBuilder("bash", "-c", command)
                        .directory(workdir.toFile())
                        .redirectErrorStream(true);
                process.environment().putAll(environment);
                Process started = process.start();
                output.append(new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                if (!started.waitFor(60, TimeUnit.SECONDS)) {
                    started.destroyForcibly();
                    throw new AssertionError("command did not finish: " + command);
                }
                exitCode = started.exitValue();
                if (exitCode != 0) {
                    break outer;
                }
            }
        }
        List<String> recorded = Files.exists(calls) ? Files.readAllLines(calls) : new ArrayList<>();
        return new Result(exitCode, output.toString(), recorded);
    }

    private static void fakeTool(Path bin, String name, String body) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
