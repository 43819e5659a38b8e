package dev.crossdeploy.localcloud.codebuild;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The default shell session of a buildspec 0.2 build: each command runs in its own shell
 * process, but exported variables and the working directory carry over to the next command and
 * phase, as CodeBuild does. After each command (even one that exits) the shell writes its
 * environment and directory to the session's state files, which start the next one.
 */
final class ShellSession {
    private final Path stateDir;
    private final String shell;
    private final Map<String, String> env;
    private Path cwd;
    private int count;
    private volatile Process running;
    private volatile boolean killed;
    private final boolean carryOver;
    private static final Duration DRAIN = Duration.ofSeconds(1);

    /**
     * @param carryOver whether variables and directory carry over between commands (buildspec
     *                  0.2); in 0.1 each command starts afresh from the build's environment
     */
    ShellSession(Path stateDir, String shell, Map<String, String> env, Path cwd, boolean carryOver) throws IOException {
        this.carryOver = carryOver;
        this.stateDir = Files.createDirectories(stateDir);
        this.shell = shell.equals("bash") ? "bash" : "/bin/sh";
        this.env = new LinkedHashMap<>(env);
        this.cwd = cwd;
    }

    void put(String name, String value) { env.put(name, value); }

    Map<String, String> env() { return env; }

    /** Runs one command, giving each output line to {@code output}; returns its exit status. */
    int run(String command, Consumer<String> output) throws IOException, InterruptedException {
        int n = ++count;
        Path script = stateDir.resolve("command-" + n + ".sh");
        Path envFile = stateDir.resolve("env-" + n);
        Path cwdFile = stateDir.resolve("cwd-" + n);
        // The trap saves the session even when the command calls exit; the status is kept.
        Files.writeString(script, "trap '__cb_rc=$?; env -0 > \"" + envFile + "\"; pwd > \"" + cwdFile
                + "\"; exit $__cb_rc' EXIT\n" + command + "\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(shell, script.toString()).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = pb.start();
        running = process;
        Thread reader = new Thread(() -> forward(process, output), "local-cloud-codebuild-output");
        reader.setDaemon(true);
        reader.start();
        int status = process.waitFor();
        // A command that left a process in the background shares its output with it: the rest
        // of that output is forwarded as it comes, without holding up the next command.
        reader.join(DRAIN.toMillis());
        running = null;
        if (carryOver) restore(envFile, cwdFile);
        return status;
    }

    private void forward(Process process, Consumer<String> output) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // What a killed command says while dying ("Killed ...") is not its output.
            while ((line = out.readLine()) != null) if (!killed) output.accept(line);
        } catch (IOException e) {
            // The stream closes under us when the build is stopped; the exit status tells the rest.
        }
    }

    private void restore(Path envFile, Path cwdFile) throws IOException {
        if (Files.exists(envFile)) {
            Map<String, String> next = new LinkedHashMap<>();
            for (String entry : Files.readString(envFile, StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) continue;
                String name = entry.substring(0, eq);
                if (name.equals("_") || name.equals("SHLVL")) continue;
                next.put(name, entry.substring(eq + 1));
            }
            env.clear();
            env.putAll(next);
        }
        if (Files.exists(cwdFile)) {
            Path dir = Path.of(Files.readString(cwdFile, StandardCharsets.UTF_8).strip());
            if (Files.isDirectory(dir)) cwd = dir;
        }
    }

    /** Kills the command in progress and everything it started; later commands are not run by the runner. */
    void kill() {
        killed = true;
        Process p = running;
        if (p == null) return;
        // The shell first, so it does not report its children's deaths; then what it started.
        var children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
