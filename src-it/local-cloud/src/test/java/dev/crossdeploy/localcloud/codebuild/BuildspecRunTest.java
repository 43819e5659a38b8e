package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.logs.LogEvent;
import dev.crossdeploy.localcloud.logs.LogsModule;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buildspecs run as CodeBuild runs them, started through the Java entry point CodePipeline
 * uses, on a project CloudFormation created: phase order and transitions, one shell session,
 * environment precedence, failures, finally, timeouts, runtimes, artifacts, reports and logs.
 */
class BuildspecRunTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path source;

    @BeforeEach
    void deployProjects() { BuildProjects.deploy(cloud); }

    private Build run(String buildspec, Map<String, String> overrides) throws Exception {
        return run(buildspec, BuildRequest.of(source, overrides));
    }

    private Build run(String buildspec, BuildRequest request) throws Exception {
        Files.writeString(source.resolve("buildspec.yml"), buildspec);
        Build build = BuildProjects.codeBuild(cloud).start(BuildProjects.account(cloud), cloud.cloud().region(), "app-build",
                request);
        return build.awaitCompletion(BOUND);
    }

    /** The output lines of the commands, without CodeBuild's own [Container] lines. */
    private static List<String> output(Build build) {
        return build.logLines().stream().filter(l -> !l.startsWith("[Container] ")).toList();
    }

    private static List<String> phaseTypes(Build build) {
        return build.phases().stream().map(BuildPhase::type).toList();
    }

    @Test
    void phasesRunInOrderInOneShellSessionWithTheStartRequestOverTheProjectOverTheBuildspec() throws Exception {
        Build build = run("""
                version: 0.2
                env:
                  variables:
                    FROM_SPEC: spec
                    SHARED: spec
                    OVERRIDDEN: spec
                  exported-variables:
                    - FROM_SPEC
                    - SET_LATER
                    - NEVER_SET
                phases:
                  install:
                    commands:
                      - echo "install FROM_SPEC=$FROM_SPEC FROM_PROJECT=$FROM_PROJECT SHARED=$SHARED OVERRIDDEN=$OVERRIDDEN"
                      - export CARRIED=from-install
                      - mkdir -p sub && cd sub
                  pre_build:
                    commands:
                      - echo "pre_build CARRIED=$CARRIED dir=$(basename "$PWD")"
                      - unset CARRIED
                  build:
                    commands:
                      - echo "build CARRIED=${CARRIED:-gone} succeeding=$CODEBUILD_BUILD_SUCCEEDING number=$CODEBUILD_BUILD_NUMBER"
                      - echo "id=$CODEBUILD_BUILD_ID arn=$CODEBUILD_BUILD_ARN"
                      - echo "src=$CODEBUILD_SRC_DIR region=$AWS_REGION/$AWS_DEFAULT_REGION endpoint=$AWS_ENDPOINT_URL"
                  post_build:
                    commands:
                      - echo post_build
                      - export SET_LATER=late
                """, Map.of("OVERRIDDEN", "start"));

        assertThat(build.status()).isEqualTo("SUCCEEDED");
        assertThat(build.failureSummary()).isEmpty();
        assertThat(build.exportedVariables()).isEqualTo(Map.of("FROM_SPEC", "spec", "SET_LATER", "late"));
        assertThat(phaseTypes(build)).containsExactly("SUBMITTED", "QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL",
                "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS", "FINALIZING", "COMPLETED");
        assertThat(build.phases().stream().filter(p -> !p.type().equals("COMPLETED")).map(BuildPhase::status))
                .containsOnly("SUCCEEDED");
        assertThat(build.currentPhase()).isEqualTo("COMPLETED");
        assertThat(build.id()).matches("app-build:[0-9a-f-]{36}");
        String account = BuildProjects.account(cloud);
        assertThat(output(build)).containsExactly(
                "install FROM_SPEC=spec FROM_PROJECT=project SHARED=project OVERRIDDEN=start",
                "pre_build CARRIED=from-install dir=sub",
                "build CARRIED=gone succeeding=1 number=1",
                "id=" + build.id() + " arn=arn:aws:codebuild:us-east-1:" + account + ":build/" + build.id(),
                "src=" + build.logLines().stream().filter(l -> l.contains("CODEBUILD_SRC_DIR=")).findFirst().orElseThrow()
                        .replaceAll(".*CODEBUILD_SRC_DIR=", "") + " region=us-east-1/us-east-1 endpoint=" + cloud.cloud().endpoint(),
                "post_build");
    }

    @Test
    void version01RunsEachCommandInAFreshShell() throws Exception {
        Build build = run("""
                version: 0.1
                phases:
                  build:
                    commands:
                      - export CARRIED=yes && mkdir -p sub && cd sub
                      - echo "CARRIED=${CARRIED:-no} dir=$(basename "$PWD")"
                """, Map.of());

        assertThat(output(build)).containsExactly("CARRIED=no dir=src");
    }

    @Test
    void aFailingCommandFailsItsPhaseAndTheBuildWhileFinallyAndPostBuildStillRun() throws Exception {
        Build build = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo before
                      - exit 3
                      - echo never
                    finally:
                      - echo "finally succeeding=$CODEBUILD_BUILD_SUCCEEDING"
                  post_build:
                    commands:
                      - echo "post_build succeeding=$CODEBUILD_BUILD_SUCCEEDING"
                """, Map.of());

        assertThat(build.status()).isEqualTo("FAILED");
        BuildPhase failed = build.phase("BUILD").orElseThrow();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.contexts()).containsExactly(new BuildPhase.Context("COMMAND_EXECUTION_ERROR",
                "Error while executing command: exit 3. Reason: exit status 3"));
        assertThat(build.failureSummary()).contains("Build terminated with state: FAILED. Phase: BUILD,"
                + " Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: exit 3. Reason: exit status 3");
        assertThat(build.phase("POST_BUILD").orElseThrow().status()).isEqualTo("SUCCEEDED");
        assertThat(build.phase("UPLOAD_ARTIFACTS").orElseThrow().status()).isEqualTo("SUCCEEDED");
        assertThat(output(build)).containsExactly("before", "finally succeeding=0", "post_build succeeding=0");
        assertThat(build.logLines()).anySatisfy(l -> assertThat(l)
                .matches("\\[Container] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} Phase complete: BUILD State: FAILED"));
        assertThat(build.logLines()).anySatisfy(l -> assertThat(l).endsWith("Phase context status code: "
                + "COMMAND_EXECUTION_ERROR Message: Error while executing command: exit 3. Reason: exit status 3"));
    }

    @Test
    void aFailedInstallEndsTheBuildUnlessItsPhaseSaysContinue() throws Exception {
        Build aborted = run("""
                version: 0.2
                phases:
                  install:
                    commands:
                      - "false"
                  build:
                    commands:
                      - echo never
                """, Map.of());
        assertThat(aborted.status()).isEqualTo("FAILED");
        assertThat(phaseTypes(aborted)).containsExactly("SUBMITTED", "QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL",
                "FINALIZING", "COMPLETED");
        assertThat(output(aborted)).isEmpty();

        Build continued = run("""
                version: 0.2
                phases:
                  install:
                    on-failure: CONTINUE
                    commands:
                      - "false"
                  build:
                    on-failure: ABORT
                    commands:
                      - echo "build succeeding=$CODEBUILD_BUILD_SUCCEEDING"
                      - exit 1
                  post_build:
                    commands:
                      - echo never
                """, Map.of());
        assertThat(continued.status()).isEqualTo("FAILED");
        assertThat(output(continued)).containsExactly("build succeeding=0");
        assertThat(phaseTypes(continued)).containsExactly("SUBMITTED", "QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL",
                "PRE_BUILD", "BUILD", "FINALIZING", "COMPLETED");
        assertThat(continued.buildNumber()).isEqualTo(aborted.buildNumber() + 1);
    }

    @Test
    void aBuildspecCodeBuildCannotReadFailsTheSourcePhase() throws Exception {
        Build unquoted = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo key: value
                """, Map.of());
        assertThat(unquoted.status()).isEqualTo("FAILED");
        assertThat(phaseTypes(unquoted)).containsExactly("SUBMITTED", "QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE",
                "FINALIZING", "COMPLETED");
        assertThat(unquoted.phase("DOWNLOAD_SOURCE").orElseThrow().contexts()).containsExactly(new BuildPhase.Context(
                "YAML_FILE_ERROR", "invalid command in phase build: expected a string, found a mapping (quote a command that holds ': ')"));

        Files.delete(source.resolve("buildspec.yml"));
        Build missing = BuildProjects.codeBuild(cloud).start(BuildProjects.account(cloud), "us-east-1", "app-build", source,
                Map.of()).awaitCompletion(BOUND);
        BuildPhase.Context context = missing.phase("DOWNLOAD_SOURCE").orElseThrow().contexts().get(0);
        assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(context.message()).matches("stat /.*/src/buildspec.yml: no such file or directory");
    }

    @Test
    void aBuildThatOutlivesItsTimeoutIsKilledAndTimedOut() throws Exception {
        Build build = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo started
                      - sleep 60
                      - echo never
                """, BuildRequest.of(source, Map.of()).withTimeout(Duration.ofSeconds(2)));

        assertThat(build.status()).isEqualTo("TIMED_OUT");
        assertThat(build.phase("BUILD").orElseThrow().status()).isEqualTo("TIMED_OUT");
        assertThat(build.phase("POST_BUILD")).isEmpty();
        assertThat(output(build)).containsExactly("started");
    }

    @Test
    void aProcessLeftInTheBackgroundHoldsNothingUpAndEndsWithTheBuild(@TempDir Path handoff) throws Exception {
        Build build = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - sleep 120 & echo $! > "$HANDOFF/background.pid"
                      - echo next
                """, Map.of("HANDOFF", handoff.toString()));

        assertThat(build.status()).isEqualTo("SUCCEEDED");
        assertThat(output(build)).containsExactly("next");
        long pid = Long.parseLong(Files.readString(handoff.resolve("background.pid")).strip());
        java.time.Instant deadline = java.time.Instant.now().plus(BOUND);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && java.time.Instant.now().isBefore(deadline)) {
            BuildProjects.pause();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("background process alive").isFalse();
    }

    @Test
    void theCloudsResetStopsARunningBuildAndItsProcesses(@TempDir Path handoff) throws Exception {
        Files.writeString(source.resolve("buildspec.yml"), """
                version: 0.2
                phases:
                  build:
                    commands:
                      - sleep 120 & echo $! > "$HANDOFF/pid.tmp" && mv "$HANDOFF/pid.tmp" "$HANDOFF/pid" && wait
                """);
        Build build = BuildProjects.codeBuild(cloud).start(BuildProjects.account(cloud), "us-east-1", "app-build", source,
                Map.of("HANDOFF", handoff.toString()));
        Path pidFile = handoff.resolve("pid");
        java.time.Instant deadline = java.time.Instant.now().plus(BOUND);
        while (!Files.exists(pidFile) && java.time.Instant.now().isBefore(deadline)) BuildProjects.pause();
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        cloud.cloud().reset();

        assertThat(build.awaitCompletion(BOUND).status()).isEqualTo("STOPPED");
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && java.time.Instant.now().isBefore(deadline)) {
            BuildProjects.pause();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the build's process alive").isFalse();
        assertThat(BuildProjects.codeBuild(cloud).build(build.accountId(), "us-east-1", build.id())).isEmpty();
    }

    @Test
    void artifactsZipHoldsTheGlobbedFilesAndJUnitReportsAreCounted() throws Exception {
        Files.createDirectories(source.resolve("src/main/java/app"));
        Files.writeString(source.resolve("src/main/java/app/Handler.java"), "class Handler {}");
        Files.writeString(source.resolve("src/README.txt"), "readme");
        Files.writeString(source.resolve("pom.xml"), "<project/>");
        Files.writeString(source.resolve("notes.txt"), "not an artifact");
        Build build = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p target/crossdeploy target/surefire-reports
                      - echo zip > target/app-1.0-lambda.zip && echo other > target/app-1.0.jar
                      - echo '{}' > target/crossdeploy/artifact.json
                      - |
                        cat > target/surefire-reports/TEST-app.HandlerTest.xml <<'XML'
                        <testsuite name="app.HandlerTest" tests="3" failures="1" skipped="1">
                          <testcase name="ok" classname="app.HandlerTest"/>
                          <testcase name="broken" classname="app.HandlerTest"><failure message="no">boom</failure></testcase>
                          <testcase name="later" classname="app.HandlerTest"><skipped/></testcase>
                        </testsuite>
                        XML
                      - |
                        cat > target/surefire-reports/TEST-app.OtherTest.xml <<'XML'
                        <testsuite name="app.OtherTest" tests="2"><testcase name="a"/><testcase name="b"/></testsuite>
                        XML
                reports:
                  unit-tests:
                    files:
                      - 'TEST-*.xml'
                    base-directory: 'target/surefire-reports'
                    file-format: JUNITXML
                  integration-tests:
                    files:
                      - 'TEST-*.xml'
                    base-directory: 'target/failsafe-reports'
                artifacts:
                  files:
                    - 'target/*-lambda.zip'
                    - 'target/crossdeploy/artifact.json'
                    - 'src/**/*'
                    - 'pom.xml'
                  discard-paths: no
                """, Map.of());

        assertThat(build.status()).isEqualTo("SUCCEEDED");
        assertThat(entries(build.artifact().orElseThrow())).containsExactlyInAnyOrder("target/app-1.0-lambda.zip",
                "target/crossdeploy/artifact.json", "src/main/java/app/Handler.java", "src/README.txt", "pom.xml");
        assertThat(build.reports()).singleElement().satisfies(r -> {
            assertThat(r.reportGroupName()).isEqualTo("app-build-unit-tests");
            assertThat(r.arn()).startsWith("arn:aws:codebuild:us-east-1:" + BuildProjects.account(cloud)
                    + ":report/app-build-unit-tests:");
            assertThat(r.status()).isEqualTo("FAILED");
            assertThat(List.of(r.total(), r.passed(), r.failed(), r.skipped())).containsExactly(5, 3, 1, 1);
        });
    }

    @Test
    void discardPathsAndBaseDirectoryFlattenTheArtifact() throws Exception {
        Build build = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p out/a/b && echo 1 > out/a/one.txt && echo 2 > out/a/b/two.txt && echo x > out/a/b/skip.log
                artifacts:
                  base-directory: out
                  files:
                    - '**/*.txt'
                  discard-paths: yes
                """, Map.of());

        assertThat(entries(build.artifact().orElseThrow())).containsExactlyInAnyOrder("one.txt", "two.txt");

        Build nothing = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo nothing made
                artifacts:
                  files:
                    - 'target/*.zip'
                """, Map.of());
        assertThat(nothing.status()).isEqualTo("FAILED");
        assertThat(nothing.phase("UPLOAD_ARTIFACTS").orElseThrow().contexts())
                .containsExactly(new BuildPhase.Context("CLIENT_ERROR", "no matching artifact paths found"));
    }

    @Test
    void runtimeVersionsPickAJdkAtLeastAsNewAndRefuseWhatTheMachineLacks() throws Exception {
        Build build = run("""
                version: 0.2
                phases:
                  install:
                    runtime-versions:
                      java: corretto17
                      nodejs: 18
                    commands:
                      - echo "java_home=$JAVA_HOME"
                      - java -XshowSettings:properties -version 2>&1 | grep 'java.specification.version'
                """, Map.of());
        assertThat(build.status()).isEqualTo("SUCCEEDED");
        String home = output(build).get(0).substring("java_home=".length());
        assertThat(Path.of(home, "bin/java")).isExecutable();
        int major = Integer.parseInt(output(build).get(1).replaceAll("\\D", ""));
        assertThat(major).isGreaterThanOrEqualTo(17);

        Build refused = run("""
                version: 0.2
                phases:
                  install:
                    runtime-versions:
                      java: corretto99
                    commands:
                      - echo never
                """, Map.of());
        assertThat(refused.status()).isEqualTo("FAILED");
        BuildPhase.Context context = refused.phase("INSTALL").orElseThrow().contexts().get(0);
        assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(context.message()).startsWith("Unknown runtime version named 'corretto99' of java. This build image has"
                + " the following versions: corretto");
        assertThat(output(refused)).isEmpty();
    }

    @Test
    void exampleApiBuildspecRefusesAnUnknownActionWithItsOwnMessage() throws Exception {
        String buildspec = Files.readString(Path.of("../../example-api/buildspec.yml"));
        Build build = run(buildspec, Map.of("ACTION", "release"));

        assertThat(build.status()).isEqualTo("FAILED");
        assertThat(build.phase("INSTALL").orElseThrow().status()).isEqualTo("FAILED");
        assertThat(build.phase("BUILD")).isEmpty();
        assertThat(output(build)).contains("ACTION must be build, deploy or integration-test, not 'release'");
    }

    @Test
    void everyLineReachesTheProjectsLogGroupInAStreamNamedAfterTheBuild() throws Exception {
        Build build = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - printf 'one\\ntwo\\n'
                """, Map.of());

        assertThat(build.logGroupName()).isEqualTo("/aws/codebuild/app-build");
        assertThat(build.logStreamName()).isEqualTo(build.uuid());
        List<String> messages = new ArrayList<>();
        for (LogEvent e : cloud.cloud().state().module(LogsModule.class).store()
                .group(BuildProjects.account(cloud), "us-east-1", "/aws/codebuild/app-build").orElseThrow()
                .events(build.uuid())) {
            messages.add(e.message());
        }
        assertThat(messages).isEqualTo(build.logLines());
        assertThat(messages).anySatisfy(m -> assertThat(m).matches("\\[Container] .* Entering phase BUILD"));
        assertThat(messages).anySatisfy(m -> assertThat(m).matches("\\[Container] .* Running command printf 'one\\\\ntwo\\\\n'"));
        assertThat(messages).containsSubsequence("one", "two");
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.stream().map(e -> e.getName()).toList();
        }
    }
}
