package dev.crossdeploy.localcloud.dynamodb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One dynalite server, a Node.js child process holding one account's tables in one region in
 * memory, listening on a loopback port only the cloud knows. Table state changes take no time
 * ({@code --createTableMs 0} and friends), so tables are ACTIVE as soon as the cloud asks.
 */
final class DynaliteProcess {
    private static final Duration READY_BOUND = Duration.ofSeconds(30);
    private static final Duration STOP_BOUND = Duration.ofSeconds(5);
    private static final String READY_LINE = "Dynalite listening at:";
    private static final int ATTEMPTS = 3;
    private static final int OUTPUT_LINES_KEPT = 20;
    /**
     * Ends the child when its stdin closes: the JVM holds the other end, so even a JVM killed
     * without running shutdown hooks leaves no dynalite behind.
     */
    private static final String EXIT_WITH_PARENT =
            "data:text/javascript,process.stdin.on('end',()=>process.exit(0));process.stdin.resume();";

    private final Process process;
    private final URI uri;
    private final Deque<String> output;

    private DynaliteProcess(Process process, URI uri, Deque<String> output) {
        this.process = process;
        this.uri = uri;
        this.output = output;
    }

    /**
     * Starts dynalite for {@code account} in {@code region} (the ARNs it reports carry both) and
     * waits, within a bound, until it listens. dynalite cannot be told to pick its own port
     * (port 0 means its default), so the cloud picks a free one and tries again should another
     * process take it first.
     */
    static DynaliteProcess start(DynaliteLocator.Found command, String account, String region) {
        String failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(List.of(command.node().toString(), "--import", EXIT_WITH_PARENT,
                    command.cli().toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .redirectErrorStream(true);
            pb.environment().put("AWS_ACCOUNT_ID", account);
            pb.environment().put("AWS_REGION", region);
            pb.environment().remove("AWS_DEFAULT_REGION");
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new DynaliteUnavailableException(DynaliteLocator.INSTALL_HINT + " (" + command.node()
                        + " could not be started: " + e.getMessage() + ").");
            }
            Deque<String> output = new ArrayDeque<>();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> drain(process, output, ready), "dynalite-" + account + "-" + region);
            reader.setDaemon(true);
            reader.start();
            try {
                ready.get(READY_BOUND.toMillis(), TimeUnit.MILLISECONDS);
                return new DynaliteProcess(process, URI.create("http://127.0.0.1:" + port + "/"), output);
            } catch (ExecutionException e) {
                failure = "dynalite exited before it listened: " + tail(output);
            } catch (TimeoutException e) {
                stop(process);
                throw new DynaliteUnavailableException("dynalite did not listen within " + READY_BOUND.toSeconds()
                        + " s: " + tail(output));
            } catch (InterruptedException e) {
                stop(process);
                Thread.currentThread().interrupt();
                throw new DynaliteUnavailableException("Interrupted while dynalite started");
            }
        }
        throw new DynaliteUnavailableException(failure);
    }

    /** Reads the child's output to its end (so it never blocks on a full pipe), keeping the last lines. */
    private static void drain(Process process, Deque<String> output, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) output.removeFirst();
                }
                if (line.startsWith(READY_LINE)) ready.complete(null);
            }
        } catch (IOException | UncheckedIOException e) {
            // The process is gone; its end is reported below.
        }
        ready.completeExceptionally(new IllegalStateException("dynalite exited"));
    }

    private static String tail(Deque<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** Where the server listens. */
    URI uri() { return uri; }

    boolean isAlive() { return process.isAlive(); }

    /** The child's last lines of output, for error reports. */
    String recentOutput() { return tail(output); }

    long pid() { return process.pid(); }

    /** Asks the child to end, then ends it forcibly when it does not within a bound. */
    void stop() { stop(process); }

    private static void stop(Process process) {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try {
            process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
