package dev.crossdeploy.localcloud.lambda;

import java.util.concurrent.CompletableFuture;

/** One event handed to a worker through the Runtime API, and what became of it. */
final class Invocation {
    final String requestId;
    final byte[] payload;
    final String invokedFunctionArn;
    final long timeoutMillis;
    /** The caller's client context (JSON), or null. */
    final String clientContext;
    /** Completed with the deadline (epoch millis) when the runtime takes the event. */
    final CompletableFuture<Long> pickedUp = new CompletableFuture<>();
    final CompletableFuture<RuntimeOutcome> outcome = new CompletableFuture<>();

    Invocation(String requestId, byte[] payload, String invokedFunctionArn, long timeoutMillis, String clientContext) {
        this.clientContext = clientContext;
        this.requestId = requestId;
        this.payload = payload;
        this.invokedFunctionArn = invokedFunctionArn;
        this.timeoutMillis = timeoutMillis;
    }
}
