package dev.crossdeploy.example.notes.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A dynalite (DynamoDB-compatible, in memory) server in a child node process, started from
 * example-api's node_modules through {@code src/test/node/dynalite-launcher.js}.
 */
public final class DynaliteServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String PORT_LINE = "DYNALITE_PORT=";

    private final Process process;
    private final int port;

    private DynaliteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts dynalite and returns once it accepts connections, or fails within a bound. */
    public static DynaliteServer start() {
        return start(Path.of(System.getProperty("example.basedir", System.getProperty("user.dir"))));
    }

    /** Starts dynalite from {@code basedir}'s node_modules, the example-api folder. */
    public static DynaliteServer start(Path basedir) {
        if (!Files.isRegularFile(basedir.resolve("node_modules/dynalite/cli.js"))) {
            throw new IllegalStateException("node_modules is missing: run `npm ci` in example-api before the tests");
        }
        Path launcher = basedir.resolve("src/test/node/dynalite-launcher.js");
        Process process;
        try {
            process = new ProcessBuilder("node", launcher.toString())
                    .directory(basedir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run node to start dynalite: " + e.getMessage(), e);
        }
        try {
            int port = awaitPort(process);
            awaitConnectable(port);
            return new DynaliteServer(process, port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Reads the launcher's output until it names its port; everything else is kept for errors. */
    private static int awaitPort(Process process) {
        List<String> output = new ArrayList<>();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith(PORT_LINE)) {
                        drainInBackground(reader);
                        return Integer.parseInt(line.substring(PORT_LINE.length()).trim());
                    }
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // the process went away; reported below with what it printed
            }
            return -1;
        });
        try {
            int found = port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (found > 0) {
                return found;
            }
        } catch (TimeoutException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported below
        }
        synchronized (output) {
            throw new IllegalStateException("dynalite did not start within " + START_TIMEOUT.toSeconds()
                    + " s; its output: " + String.join(" | ", output));
        }
    }

    // Keeps the pipe empty so a chatty server never blocks on a full buffer.
    private static void drainInBackground(BufferedReader reader) {
        Thread drain = new Thread(() -> {
            try {
                while (reader.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "dynalite-output");
        drain.setDaemon(true);
        drain.start();
    }

    private static void awaitConnectable(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException e) {
                last = e;
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval of a bounded wait
            }
        }
        throw new IllegalStateException("dynalite on port " + port + " accepts no connections: " + last);
    }

    @Override
    public void close() {
        try {
            // Closing stdin asks the launcher to exit; force it if it does not.
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
