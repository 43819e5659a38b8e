package dev.crossdeploy.it.guide;

import dev.crossdeploy.it.ItCloud;
import dev.crossdeploy.it.ItStacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "A second team's service from scratch", block by block as written: the POM, the
 * handler and the template into an empty folder; {@code mvn clean} and {@code mvn test} with no
 * AWS setting and a local repository holding nothing of crossdeploy but the installed plugin;
 * the local cloud started by the README's command (the guide bootstraps an account, so it needs
 * a cloud of its own with the default accounts, not the end-to-end tests' pre-bootstrapped one);
 * bootstrap, deploy and invoke against it. The only change to any block is the port: 4566
 * becomes a free one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecondTeamGuideIT {
    private static final long COMMAND_TIMEOUT_MINUTES = 5;

    private final Path checkout = Path.of(System.getProperty("crossdeploy.root")).toAbsolutePath().normalize();
    private final Path work = Path.of(System.getProperty("guide.work.dir")).toAbsolutePath();
    private final Path service = work.resolve("hello-service");
    private ReadmeGuide guide;
    private IsolatedMavenRepository repository;
    private String port;
    private Process cloud;

    @BeforeAll
    void writeTheGuidesFilesIntoAnEmptyFolder() throws IOException {
        deleteRecursively(work);
        guide = ReadmeGuide.read(checkout.resolve("README.md"));
        assertThat(guide.files()).as("files of the guide in README.md").containsOnlyKeys(
                "pom.xml", "src/main/java/com/example/hello/Hello.java", "src/main/cloudformation/template.yaml");
        for (var file : guide.files().entrySet()) {
            Path target = service.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        assertThat(guide.files().get("pom.xml")).as("the guide's POM names the plugin version this build made")
                .contains("<version>" + System.getProperty("crossdeploy.version") + "</version>");
        repository = IsolatedMavenRepository.create(work, Path.of(System.getProperty("maven.repo.local")), checkout,
                System.getProperty("crossdeploy.version"));
        repository.useIn(service);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = String.valueOf(socket.getLocalPort());
        }
    }

    @AfterAll
    void stopTheCloud() throws InterruptedException {
        if (cloud != null) {
            cloud.destroy();
            if (!cloud.waitFor(30, TimeUnit.SECONDS)) cloud.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void cleanAndTestWorkBeforeAnyAwsSettingExists() throws Exception {
        Result build = run("build", service, guide.commands("build"));

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.output().split("BUILD SUCCESS", -1)).as("mvn clean and mvn test both succeed").hasSize(3);
        assertThat(repository.crossdeployArtifacts()).as("what of crossdeploy the build found")
                .containsExactly("crossdeploy-maven-plugin", "crossdeploy-parent");
    }

    @Test
    @Order(2)
    void bootstrapDeployAndInvokeOnTheLocalCloud() throws Exception {
        String start = local(guide.commands("local-cloud")).strip();
        assertThat(start).doesNotContain("\n");
        cloud = new ProcessBuilder("bash", "-c", "exec " + start).directory(checkout.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("local-cloud.log").toFile()).start();
        ItCloud.prepare(port);

        Result deploy = run("local-deploy", service, local(guide.commands("local-deploy")));

        assertThat(deploy.exitCode()).as(deploy.output()).isZero();
        assertThat(deploy.output()).contains("\"Hello from staging\"");
        assertThat(ItStacks.status(port, "staging", "crossdeploy-bootstrap")).isEqualTo("CREATE_COMPLETE");
        assertThat(ItStacks.status(port, "staging", "hello-service-staging")).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    @Order(3)
    void theAwsBlockRunsTheSameMavenCommandsAsTheLocalOne() {
        List<String> onAws = mavenCommands(guide.awsCommands().replace("<pipeline account id>", "111111111111"));
        List<String> local = mavenCommands(guide.commands("local-deploy"));

        assertThat(onAws).as("the Maven commands of <!-- guide:aws -->").isNotEmpty().isEqualTo(local);
    }

    /** The {@code mvn ...} part of each command of a block, continuation lines joined. */
    private static List<String> mavenCommands(String block) {
        return Arrays.stream(block.replace("\\\n", " ").split("\n"))
                .filter(line -> line.contains("mvn "))
                .map(line -> line.substring(line.indexOf("mvn ")).strip().replaceAll("\\s+", " "))
                .toList();
    }

    private String local(String block) {
        return block.replace("4566", port);
    }

    private record Result(int exitCode, String output) {}

    /** Runs a block with bash, as a reader pastes it, in an environment without any AWS setting of this machine. */
    private Result run(String name, Path directory, String block) throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-eo", "pipefail", "-c", block).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        new HashMap<>(env).keySet().stream().filter(k -> k.startsWith("AWS_") || k.startsWith("MAVEN_")).forEach(env::remove);
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        Process process = builder.start();
        boolean finished = process.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly().waitFor();
        String output = Files.readString(log);
        return finished ? new Result(process.exitValue(), output)
                : new Result(-1, output + "\n[" + name + " timed out after " + COMMAND_TIMEOUT_MINUTES + " min]");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
