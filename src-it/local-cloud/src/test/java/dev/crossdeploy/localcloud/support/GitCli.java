package dev.crossdeploy.localcloud.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real git binary, authenticating to the local cloud through Debian's
 * {@code aws codecommit credential-helper} (with {@code --ignore-host-check}, since the host is
 * localhost), with an isolated HOME and the given AWS credentials. The helper's answer for a
 * repository URL is asked once and replayed to later git commands on that URL (it is valid for
 * 15 minutes), which keeps tests from starting the CLI for every git command.
 */
public final class GitCli {
    /** The helper git runs; only "get" computes credentials ("store" and "erase" have nothing to do). */
    static final String HELPER = "!f() { if [ \"$1\" = get ]; then /usr/bin/aws codecommit credential-helper get --ignore-host-check; fi; }; f";

    private final Path home;
    private final Map<String, String> credentials;
    private final Map<String, Path> answers = new java.util.HashMap<>();

    public GitCli(Path home, Map<String, String> credentials) throws IOException {
        this.home = home;
        this.credentials = credentials;
        Files.createDirectories(home);
        Files.writeString(home.resolve("aws-config"), "[default]\nregion = us-east-1\n");
    }

    public record Result(int exit, String out) {}

    public Result run(Path dir, String... args) throws IOException, InterruptedException {
        String helper = HELPER;
        for (String arg : args) {
            if (arg.startsWith("http://")) helper = "!f() { if [ \"$1\" = get ]; then cat '" + answer(arg) + "'; fi; }; f";
        }
        List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c", "credential.helper=" + helper,
                "-c", "credential.UseHttpPath=true", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                "-c", "init.defaultBranch=master"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        environment(pb);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("git " + String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), out);
    }

    /** The credential helper's answer for a repository URL, kept in a file only this test reads. */
    private Path answer(String url) throws IOException, InterruptedException {
        if (answers.containsKey(url)) return answers.get(url);
        URI u = URI.create(url);
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/aws", "codecommit", "credential-helper", "get", "--ignore-host-check");
        environment(pb);
        Path file = home.resolve("credentials-" + answers.size());
        pb.redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().write(("protocol=" + u.getScheme() + "\nhost=" + u.getAuthority() + "\npath="
                + u.getPath().substring(1) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("aws codecommit credential-helper get").isZero();
        answers.put(url, file);
        return file;
    }

    private void environment(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("AWS_CONFIG_FILE", home.resolve("aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
        env.putAll(credentials);
    }

    /** Runs git and requires success. */
    public String ok(Path dir, String... args) throws IOException, InterruptedException {
        Result r = run(dir, args);
        assertThat(r.exit()).as("git " + String.join(" ", args) + "\n" + r.out()).isZero();
        return r.out();
    }

    /** A new working copy with one commit of {@code file} holding {@code content}; returns its commit id. */
    public String commit(Path work, String file, String content) throws IOException, InterruptedException {
        Files.createDirectories(work);
        if (!Files.exists(work.resolve(".git"))) ok(work, "init", "-q");
        Files.writeString(work.resolve(file), content);
        ok(work, "add", file);
        ok(work, "commit", "-q", "-m", "change " + file);
        return ok(work, "rev-parse", "HEAD").trim();
    }
}
