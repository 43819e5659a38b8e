package dev.crossdeploy.localcloud.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.LocalCloud;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI ({@code /usr/bin/aws}, botocore) run against the local cloud: a config file of
 * its own in the test's directory, no credentials but the ones given, stdout, stderr and the exit
 * code captured. The CLI is an independent client, so what it accepts the cloud did not merely
 * agree with itself about.
 */
public final class AwsCli {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Path dir;
    private final Map<String, String> environment = new HashMap<>();
    private String extraConfig = "";
    private Duration timeout = Duration.ofSeconds(120);

    /** Runs in {@code dir} (the CLI's working directory and where its config and output go). */
    public AwsCli(URI endpoint, Path dir) {
        this.endpoint = endpoint;
        this.dir = dir;
    }

    /** Fails the test class early, with how to install the CLI, when it is missing. */
    public static void assertInstalled() {
        assertThat(AWS).as("Debian's AWS CLI is missing: run 'apt-get install awscli' (CI does it in .ci/run)").isExecutable();
    }

    /** An account's root key as the CLI's environment variables. */
    public static Map<String, String> rootOf(LocalCloud cloud, String account) {
        var a = cloud.account(account);
        return Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey());
    }

    /** Lines added to the config's {@code [default]} profile, e.g. S3's addressing style. */
    public AwsCli config(String lines) {
        this.extraConfig = lines;
        return this;
    }

    /** An environment variable for every run, e.g. {@code AWS_MAX_ATTEMPTS=1} to see the first error. */
    public AwsCli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** How long one command may take before the test fails. */
    public AwsCli timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public Result run(Map<String, String> credentials, String... args) throws IOException, InterruptedException {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\noutput = json\n" + extraConfig);
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        // Only what the test gives: no keys, profiles or regions leaking in from the machine.
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        env.put("AWS_PAGER", "");
        env.putAll(environment);
        env.putAll(credentials);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("aws " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** What one command printed and how it exited. */
    public record Result(int exit, String out, String err) {
        public JsonNode json() throws IOException { return JSON.readTree(out); }
    }
}
