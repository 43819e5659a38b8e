package dev.crossdeploy.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.SigV4Verifier;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.http.QueryProtocolService;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The one HTTP endpoint: verifies each request's SigV4 signature, picks the service from the
 * signature's credential scope, applies fault rules, and turns every failure into an
 * AWS-shaped error. Nothing a client sends can escape as a stack trace or stop the server.
 */
final class HttpFrontDoor {
    private static final String CFN_XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each
        // answer then waits ~40 ms for the client's delayed ACK. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final CloudState state;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SigV4Verifier verifier;
    private final Map<String, AwsService> services = new LinkedHashMap<>();
    private final List<CloudModule> modules;
    private final AdminApi admin;
    private final CallCounter calls = new CallCounter();

    HttpFrontDoor(CloudState state, String host, int port, List<Function<CloudState, CloudModule>> extraModules)
            throws IOException {
        this.state = state;
        this.verifier = new SigV4Verifier(state.credentials(), state.clock());
        this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
        state.endpoint(URI.create("http://localhost:" + server.getAddress().getPort()));
        List<Function<CloudState, CloudModule>> factories = new java.util.ArrayList<>();
        CloudModuleProvider.standard().forEach(provider -> factories.add(provider::create));
        factories.addAll(extraModules);
        for (var factory : factories) {
            CloudModule module = factory.apply(state);
            state.addModule(module);
            module.apis().forEach(api -> services.put(api.signingName(), api));
        }
        this.modules = state.modules();
        this.admin = new AdminApi(state, this::reset, calls);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "local-cloud-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    URI endpoint() { return state.endpoint(); }

    int port() { return server.getAddress().getPort(); }

    void reset() {
        modules.forEach(CloudModule::reset);
        state.faults().clear();
        state.holds().clear();
        calls.clear();
        state.credentials().reset();
        state.iam().reset();
        state.s3().reset();
        state.clock().reset();
        state.resourceDelayMillis(state.config().resourceDelayMillis());
    }

    void stop() {
        server.stop(0);
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).close();
        }
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            CloudRequest request = new CloudRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), exchange.getRequestBody(), requestId);
            if (request.rawPath().startsWith(AdminApi.PREFIX)) {
                send(exchange, admin.handle(request), requestId);
                return;
            }
            Optional<CloudResponse> response = Optional.empty();
            for (CloudModule module : modules) {
                response = module.serve(request);
                if (response.isPresent()) break;
            }
            if (response.isEmpty()) response = dispatch(request);
            if (response.isEmpty()) {
                drop(exchange);
                return;
            }
            send(exchange, response.get(), requestId);
        } catch (IOException | UncheckedIOException e) {
            // The client went away mid-response; nothing more to tell it.
        } catch (RuntimeException e) {
            try {
                send(exchange, QueryProtocolService.queryError(
                        new AwsException(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."),
                        requestId, CFN_XMLNS), requestId);
            } catch (IOException | RuntimeException ignored) {
                // Response already started; the connection closes.
            }
        }
    }

    /** Empty when the connection is to be dropped by a fault rule. */
    private Optional<CloudResponse> dispatch(CloudRequest request) {
        SigV4Verifier.Scope scope = SigV4Verifier.scopeOf(request);
        if (scope == null && looksLikeQueryProtocol(request)) {
            return Optional.of(QueryProtocolService.queryError(new AwsException(403, "MissingAuthenticationToken",
                    "Request is missing Authentication Token"), request.requestId(), CFN_XMLNS));
        }
        AwsService service = scope == null ? services.get("s3") : services.get(scope.service());
        if (service == null) return Optional.of(unknownService(request, scope.service()));
        try {
            if (scope != null) request.region(scope.region());
            String action = safeAction(service, request);
            calls.count(service.signingName(), action);
            if (action != null) state.holds().pass(service.signingName(), action);
            Optional<FaultRule> fault = state.faults().next(service.signingName(), action);
            if (fault.isPresent() && fault.get().kind() == dev.crossdeploy.localcloud.faults.FaultKind.LOSE_RESPONSE) {
                service.handle(request, verifier.verify(request, service.signingName()));
                return Optional.empty();
            }
            if (fault.isPresent()) {
                switch (fault.get().kind()) {
                    case DROP_CONNECTION, LOSE_RESPONSE -> { return Optional.empty(); }
                    case DELAY -> sleep(fault.get().delayMillis());
                    case THROTTLE -> throw service.throttled();
                    case INTERNAL_ERROR -> throw new AwsException(500, service.signingName().equals("s3")
                            ? "InternalError" : "InternalFailure", "We encountered an internal error. Please try again.");
                    case UNAVAILABLE -> throw new AwsException(503, "ServiceUnavailable", "Service is unable to handle request.");
                }
            }
            Principal caller = verifier.verify(request, service.signingName());
            return Optional.of(service.handle(request, caller));
        } catch (AwsException e) {
            return Optional.of(service.error(e, request));
        }
    }

    /**
     * A service this cloud does not run: the error names it and the services it does run, in the
     * wire shape the caller's protocol reads (JSON for JSON and REST-JSON clients, query XML else).
     */
    private CloudResponse unknownService(CloudRequest request, String name) {
        String message = "The local cloud does not serve the service '" + name + "'; it serves "
                + String.join(", ", services.keySet()) + ".";
        String type = request.header("Content-Type");
        if (request.header("X-Amz-Target") != null || type != null && type.contains("json") || !looksLikeQueryProtocol(request)) {
            String json = "{\"__type\":\"UnknownService\",\"message\":\"" + message.replace("\"", "'") + "\"}";
            return CloudResponse.status(400).header("Content-Type", "application/x-amz-json-1.1")
                    .header("x-amzn-ErrorType", "UnknownService").body(json);
        }
        return QueryProtocolService.queryError(new AwsException(400, "UnknownService", message), request.requestId(), null);
    }

    /** Unsigned calls carrying an Action are meant for a query-protocol service, not S3. */
    private static boolean looksLikeQueryProtocol(CloudRequest request) {
        String type = request.header("Content-Type");
        return request.hasQueryParam("Action")
                || type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private static String safeAction(AwsService service, CloudRequest request) {
        try {
            return service.actionOf(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drop(HttpExchange exchange) {
        // Closing the raw stream without a status line is what a dropped connection looks like.
        try {
            exchange.getResponseBody().close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void send(HttpExchange exchange, CloudResponse response, String requestId) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headerValues().forEach((name, values) -> headers.put(name, new java.util.ArrayList<>(values)));
        headers.set("x-amzn-RequestId", requestId);
        headers.set("x-amz-request-id", requestId);
        long length = response.length();
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.status() == 204 || response.status() == 304;
        if (noBody) {
            if ("HEAD".equals(exchange.getRequestMethod())) headers.set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                response.writeBody(out);
            }
        }
    }
}
