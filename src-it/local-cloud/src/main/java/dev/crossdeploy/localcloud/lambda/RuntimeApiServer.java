package dev.crossdeploy.localcloud.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API for one worker, on its own loopback port: the runtime long-polls
 * {@code /invocation/next}, then posts the handler's response or error, or an init error when
 * the handler cannot be loaded. Events are handed over one at a time.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    /** Lambda's limit on a synchronous response. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Invocation> events = new LinkedBlockingQueue<>();
    private volatile Invocation current;
    private volatile boolean closed;
    private long nextCalls;
    private RuntimeOutcome.InitError initError;

    RuntimeApiServer(String workerName) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-runtime-api-" + workerName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX, this::serve);
        server.start();
    }

    /** host:port, as AWS_LAMBDA_RUNTIME_API gives it to the runtime. */
    String address() { return "127.0.0.1:" + server.getAddress().getPort(); }

    /** Queues an event for the runtime's next poll. */
    void offer(Invocation invocation) { events.add(invocation); }

    /** How often the runtime has asked for the next event: it asks again once it is done with one. */
    synchronized long nextCalls() { return nextCalls; }

    /** Waits until the runtime has asked for the next event more than {@code seen} times. */
    synchronized boolean awaitNextCall(long seen, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (nextCalls <= seen && !closed) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) return false;
            wait(left);
        }
        return nextCalls > seen;
    }

    synchronized RuntimeOutcome.InitError initError() { return initError; }

    /** The worker's process ended: whoever waits on the event in hand hears it. */
    void processExited(int exitCode) {
        failPending(new RuntimeOutcome.Exited(exitCode));
        synchronized (this) { notifyAll(); }
    }

    /** Ends the event in hand and those waiting: the runtime will take none of them. */
    private void failPending(RuntimeOutcome outcome) {
        Invocation inv = current;
        if (inv != null) inv.outcome.complete(outcome);
        for (Invocation queued; (queued = events.poll()) != null; ) queued.outcome.complete(outcome);
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && "invocation/next".equals(path)) {
                next(exchange);
            } else if ("POST".equals(method) && "init/error".equals(path)) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (this) {
                    initError = new RuntimeOutcome.InitError(body);
                    notifyAll();
                }
                failPending(initError());
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if ("POST".equals(method) && path.startsWith("invocation/")) {
                result(exchange, path.substring("invocation/".length()));
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown request\",\"errorType\":\"NotFound\"}");
            }
        } catch (IOException | RuntimeException e) {
            // The runtime went away mid-request; its process watcher reports that.
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        synchronized (this) {
            nextCalls++;
            notifyAll();
        }
        Invocation inv = null;
        try {
            while (inv == null && !closed) inv = events.poll(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (inv == null) return;
        current = inv;
        long deadline = System.currentTimeMillis() + inv.timeoutMillis;
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId);
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        h.set("Lambda-Runtime-Invoked-Function-Arn", inv.invokedFunctionArn);
        h.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + inv.requestId.replace("-", "").substring(0, 24) + ";Parent=" + inv.requestId.replace("-", "").substring(16) + ";Sampled=0");
        if (inv.clientContext != null) h.set("Lambda-Runtime-Client-Context", inv.clientContext);
        inv.pickedUp.complete(deadline);
        exchange.sendResponseHeaders(200, inv.payload.length == 0 ? -1 : inv.payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(inv.payload);
        }
    }

    private void result(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        Invocation inv = current;
        if (slash < 0 || inv == null || !inv.requestId.equals(rest.substring(0, slash))) {
            send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        String kind = rest.substring(slash + 1);
        byte[] body = exchange.getRequestBody().readNBytes(MAX_RESPONSE_BYTES + 1);
        if ("response".equals(kind)) {
            if (body.length > MAX_RESPONSE_BYTES) {
                inv.outcome.complete(new RuntimeOutcome.Error(tooLarge(body.length)));
                send(exchange, 413, "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
                return;
            }
            inv.outcome.complete(new RuntimeOutcome.Response(body));
        } else if ("error".equals(kind)) {
            inv.outcome.complete(new RuntimeOutcome.Error(body));
        } else {
            send(exchange, 404, "{\"errorMessage\":\"Unknown request\",\"errorType\":\"NotFound\"}");
            return;
        }
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static byte[] tooLarge(int size) {
        return ("{\"errorMessage\":\"Response payload size (" + size + " bytes) exceeded maximum allowed payload size (6291556 bytes).\","
                + "\"errorType\":\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) { notifyAll(); }
        server.stop(0);
        executor.shutdownNow();
    }
}
