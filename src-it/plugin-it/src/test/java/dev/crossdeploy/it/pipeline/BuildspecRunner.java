package dev.crossdeploy.it.pipeline;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CodeBuild buildspec's install and build commands with bash, as CodeBuild does, in a
 * project folder: the buildspec's own variables, then the action's, then the caller's
 * environment for reaching the cloud. What CodeBuild alone provides (runtime-versions,
 * artifacts, reports) is not simulated.
 */
final class BuildspecRunner {
    private static final long COMMAND_TIMEOUT_MINUTES = 10;

    private final Path project;
    private final Map<String, Object> buildspec;
    private final Map<String, String> environment;

    BuildspecRunner(Path project, Map<String, String> environment) throws IOException {
        this.project = project;
        this.environment = environment;
        try (Reader reader = Files.newBufferedReader(project.resolve("buildspec.yml"))) {
            this.buildspec = new Yaml().load(reader);
        }
    }

    /** The result of one action: its exit code and everything it printed. */
    record Result(int exitCode, String output) {}

    @SuppressWarnings("unchecked")
    Result run(Map<String, String> action, Path log) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) ((Map<String, Object>) buildspec.get("env")).get("variables"))
                .forEach((k, v) -> env.put(k, String.valueOf(v)));
        env.putAll(action);
        env.putAll(environment);
        Map<String, Object> phases = (Map<String, Object>) buildspec.get("phases");
        StringBuilder output = new StringBuilder();
        for (String phase : List.of("install", "pre_build", "build", "post_build")) {
            Map<String, Object> p = (Map<String, Object>) phases.get(phase);
            if (p == null) continue;
            for (String command : (List<String>) p.get("commands")) {
                ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(project.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().putAll(env);
                Process process = pb.start();
                boolean finished = process.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES);
                if (!finished) process.destroyForcibly();
                output.append(Files.readString(log, StandardCharsets.UTF_8));
                if (!finished) return new Result(-1, output + "\n[timed out after " + COMMAND_TIMEOUT_MINUTES + " min]");
                if (process.exitValue() != 0) return new Result(process.exitValue(), output.toString());
            }
        }
        return new Result(0, output.toString());
    }
}
