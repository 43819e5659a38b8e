package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.auth.AccessKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One warm execution environment of a function version: a JVM running the runtime interface
 * client over the function's code, fed through its own Runtime API, one invocation at a time.
 * It writes Lambda's START/END/REPORT lines around each invocation and ends itself when an
 * invocation times out, the runtime exits or init fails, as Lambda discards such environments.
 */
final class Worker implements AutoCloseable {
    /** How long the runtime may take to come back for the next event after answering. */
    private static final long SETTLE_MILLIS = 2_000;
    /** Lambda's init phase limit, on top of which a cold invocation gets its own timeout. */
    private static final long INIT_MILLIS = 10_000;
    private static final int TAIL_BYTES = 4 * 1024;

    private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final FunctionSpec spec;
    private final AccessKey credentials;
    private final FunctionLogs logs;
    private final String logStream;
    private final Path dir;
    private final RuntimeApiServer api;
    private final WorkerOutput output;
    private final Process process;
    private final long startNanos = System.nanoTime();
    private volatile boolean dead;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private boolean initialized;
    private volatile long lastUsedNanos = System.nanoTime();

    Worker(FunctionSpec spec, WorkerLaunch launch, AccessKey credentials, FunctionLogs logs, Instant now) throws IOException {
        this.spec = spec;
        this.credentials = credentials;
        this.logs = logs;
        this.logStream = FunctionLogs.streamName(now, spec.version());
        this.dir = launch.workersDir().resolve(id);
        Files.createDirectories(dir.resolve("tmp"));
        this.output = new WorkerOutput(dir.resolve("output.log"));
        this.api = new RuntimeApiServer(id);
        try {
            this.process = launch.start(spec, credentials, logStream, api.address(), dir, output.file());
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
        process.onExit().thenRun(() -> {
            dead = true;
            api.processExited(process.exitValue());
        });
    }

    FunctionSpec spec() { return spec; }
    long pid() { return process.pid(); }
    boolean alive() { return !dead && process.isAlive(); }
    long lastUsedNanos() { return lastUsedNanos; }

    /** Whether the role's credentials still cover an invocation started now. */
    boolean credentialsLast(Instant now) {
        return credentials.expiration() == null
                || credentials.expiration().isAfter(now.plusSeconds(spec.timeoutSeconds() + 60L));
    }

    /** Runs one event; never throws for what the function did. */
    InvocationResult invoke(byte[] payload, String invokedArn, String clientContext) throws InterruptedException {
        lastUsedNanos = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        long timeoutMillis = spec.timeoutSeconds() * 1000L;
        Invocation inv = new Invocation(requestId, payload, invokedArn, timeoutMillis, clientContext);
        List<String> tail = new ArrayList<>();
        api.offer(inv);
        // A process that ended while idle takes no more events.
        if (!process.isAlive()) inv.outcome.complete(new RuntimeOutcome.Exited(process.exitValue()));
        boolean cold = !initialized;
        try {
            CompletableFuture.anyOf(inv.pickedUp, inv.outcome).get(cold ? INIT_MILLIS + timeoutMillis : timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return timedOut(inv, tail, System.nanoTime());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        long started = System.nanoTime();
        List<String> first = new ArrayList<>(output.newLines(false));
        String start = "START RequestId: " + requestId + " Version: " + spec.version();
        first.add(start);
        tail.add(start);
        logs.append(spec, credentials.principal(), logStream, first);
        Double initMillis = null;
        if (cold) {
            initialized = true;
            initMillis = (started - startNanos) / 1e6;
        }
        if (!inv.pickedUp.isDone()) {
            // The runtime never took the event: init failed or the process ended.
            return finish(inv, tail, started, initMillis, inv.outcome.join());
        }
        long seen = api.nextCalls();
        RuntimeOutcome outcome;
        try {
            long left = inv.pickedUp.join() - System.currentTimeMillis();
            outcome = inv.outcome.get(Math.max(left, 1), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return timedOut(inv, tail, started);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (outcome instanceof RuntimeOutcome.Response || outcome instanceof RuntimeOutcome.Error) {
            // The runtime logs a failure after reporting it; its lines belong to this invocation.
            if (!api.awaitNextCall(seen, SETTLE_MILLIS)) dead = !process.isAlive() || dead;
        }
        return finish(inv, tail, started, initMillis, outcome);
    }

    private InvocationResult finish(Invocation inv, List<String> tail, long started, Double initMillis, RuntimeOutcome outcome) {
        double millis = (System.nanoTime() - started) / 1e6;
        boolean ended = outcome instanceof RuntimeOutcome.Exited || outcome instanceof RuntimeOutcome.InitError;
        if (ended) waitForExit();
        List<String> lines = new ArrayList<>(output.newLines(ended));
        byte[] payload;
        String error = null;
        String status = null;
        if (outcome instanceof RuntimeOutcome.Response r) {
            payload = r.body();
        } else if (outcome instanceof RuntimeOutcome.Error e) {
            payload = e.body();
            error = "Unhandled";
        } else if (outcome instanceof RuntimeOutcome.InitError e) {
            payload = e.body();
            error = "Unhandled";
            status = "Status: error\tError Type: Runtime.InitError";
            dead = true;
        } else {
            int code = ((RuntimeOutcome.Exited) outcome).exitCode();
            String message = "RequestId: " + inv.requestId + " Error: Runtime exited with error: exit status " + code;
            lines.add(message);
            lines.add("Runtime.ExitError");
            payload = errorDocument("Runtime.ExitError", message);
            error = "Unhandled";
            status = "Status: error\tError Type: Runtime.ExitError";
            dead = true;
        }
        return report(inv, tail, lines, millis, initMillis, status, payload, error);
    }

    private InvocationResult timedOut(Invocation inv, List<String> tail, long started) {
        String seconds = String.format(Locale.ROOT, "%.2f", (double) spec.timeoutSeconds());
        kill();
        List<String> lines = new ArrayList<>(output.newLines(true));
        lines.add(Instant.now() + " " + inv.requestId + " Task timed out after " + seconds + " seconds");
        byte[] payload = errorDocument("Sandbox.Timedout",
                "RequestId: " + inv.requestId + " Error: Task timed out after " + seconds + " seconds");
        double millis = Math.min((System.nanoTime() - started) / 1e6, spec.timeoutSeconds() * 1000.0);
        return report(inv, tail, lines, millis, null, "Status: timeout", payload, "Unhandled");
    }

    private InvocationResult report(Invocation inv, List<String> tail, List<String> lines, double millis, Double initMillis,
                                   String status, byte[] payload, String functionError) {
        lines.add("END RequestId: " + inv.requestId);
        StringBuilder report = new StringBuilder("REPORT RequestId: ").append(inv.requestId)
                .append(String.format(Locale.ROOT, "\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB\t",
                        millis, (long) Math.ceil(millis), spec.memoryMb(), maxMemoryUsedMb()));
        if (initMillis != null) report.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initMillis));
        if (status != null) report.append(status);
        lines.add(report.toString());
        logs.append(spec, credentials.principal(), logStream, lines);
        tail.addAll(lines);
        lastUsedNanos = System.nanoTime();
        if (dead) close();
        return new InvocationResult(payload, functionError, spec.version(), tail(tail));
    }

    /** Lambda's log tail: the last 4 KB of what the invocation logged. */
    private static String tail(List<String> lines) {
        byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        if (all.length <= TAIL_BYTES) return new String(all, StandardCharsets.UTF_8);
        return new String(all, all.length - TAIL_BYTES, TAIL_BYTES, StandardCharsets.UTF_8);
    }

    static byte[] errorDocument(String type, String message) {
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The worker's peak resident memory, as REPORT's Max Memory Used; the memory size when unknown. */
    private long maxMemoryUsedMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return Math.max(1, kb / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone.
        }
        return spec.memoryMb();
    }

    private void waitForExit() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void kill() {
        dead = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitForExit();
    }

    /** Stops the process and the Runtime API and removes the worker's files. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        kill();
        api.close();
        try {
            CodePackages.deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            // Left for the data directory's own cleanup.
        }
    }
}
