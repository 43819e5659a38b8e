package dev.crossdeploy.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsService;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DynamoDB: one dynalite server per account and region, started when that account first
 * touches a table there, so accounts never see each other's tables. Signed DynamoDB calls
 * reach them through {@link DynamoDbService}; CloudFormation creates and deletes tables through
 * {@link #call}. Reset and close stop the servers (their tables live in memory and are gone);
 * a shutdown hook stops them when the JVM exits, and each server also ends on its own when the
 * JVM's end of its stdin closes.
 */
public final class DynamoDbModule implements CloudModule {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_BOUND = Duration.ofSeconds(60);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Map<Place, Server> servers = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread shutdownHook = new Thread(this::stopAll, "local-cloud-dynalite-stop");
    private final DynamoDbService service;
    private final TimeToLive timeToLive = new TimeToLive();
    private volatile boolean closed;

    public DynamoDbModule(CloudState state) {
        this.service = new DynamoDbService(state, this);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public List<AwsService> apis() { return List.of(service); }

    /** An account's tables in one region. */
    private record Place(String account, String region) {}

    /** One place's server, started on first use; its lock keeps concurrent first calls to one start. */
    private final class Server {
        private final Place place;
        private DynaliteProcess process;
        private boolean stopped;

        Server(Place place) { this.place = place; }

        synchronized DynaliteProcess running() {
            if (stopped || closed) throw new DynaliteUnavailableException("The local cloud is stopping");
            if (process == null) {
                process = DynaliteProcess.start(DynaliteLocator.locate(), place.account(), place.region());
            } else if (!process.isAlive()) {
                throw new DynaliteUnavailableException("dynalite holding the tables of account " + place.account()
                        + " in " + place.region() + " has stopped: " + process.recentOutput());
            }
            return process;
        }

        synchronized void stop() {
            stopped = true;
            if (process != null) process.stop();
        }
    }

    /**
     * Sends one DynamoDB call, as its JSON body, to the server of {@code account} in
     * {@code region}, starting it if needed. dynalite does not check signatures (the front door
     * did), but wants a SigV4-shaped Authorization header.
     */
    DynaliteAnswer forward(String account, String region, String operation, byte[] body) {
        DynaliteProcess process = server(account, region).running();
        HttpRequest request = HttpRequest.newBuilder(process.uri())
                .timeout(CALL_BOUND)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("X-Amz-Date", ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local-cloud/20000101/" + region
                        + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new DynaliteAnswer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0"),
                    response.headers().firstValue("x-amz-crc32").orElse(null), response.body());
        } catch (IOException e) {
            throw new DynaliteUnavailableException("dynalite holding the tables of account " + account + " in " + region
                    + " did not answer: " + e.getMessage() + (process.isAlive() ? "" : "; " + process.recentOutput()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynaliteUnavailableException("Interrupted while calling dynalite");
        }
    }

    /**
     * Calls DynamoDB's {@code operation} in an account and region for the cloud itself (resource
     * handlers); returns the answer's JSON or throws DynamoDB's error as a {@link DynamoDbCallException}.
     *
     * @throws DynaliteUnavailableException when tables cannot run here (Node.js or dynalite missing)
     */
    public JsonNode call(String account, String region, String operation, Map<String, Object> request) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not serialisable: " + request, e);
        }
        DynaliteAnswer answer = forward(account, region, operation, body);
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new DynamoDbCallException(500, "InternalServerError", "dynalite answered " + answer.status()
                    + " with a body that is not JSON");
        }
        if (answer.status() / 100 == 2) return json;
        String type = json.path("__type").asText("InternalServerError");
        String message = json.has("message") ? json.get("message").asText() : json.path("Message").asText("");
        throw new DynamoDbCallException(answer.status(), type.substring(type.indexOf('#') + 1), message);
    }

    private Server server(String account, String region) {
        if (closed) throw new DynaliteUnavailableException("The local cloud is stopping");
        return servers.computeIfAbsent(new Place(account, region), Server::new);
    }

    /** The attribute a table's time to live expires items by; empty when it is disabled. */
    public Optional<String> timeToLive(String account, String region, String table) {
        return timeToLive.attribute(account, region, table);
    }

    /** Enables time to live on {@code attribute}, or disables it when null (stacks set it this way). */
    public void setTimeToLive(String account, String region, String table, String attribute) {
        timeToLive.set(account, region, table, attribute);
    }

    TimeToLive timeToLive() { return timeToLive; }

    /** The process ids of the running servers, so callers can check none outlive the cloud. */
    public List<Long> serverPids() {
        List<Long> pids = new ArrayList<>();
        for (Server s : servers.values()) {
            synchronized (s) {
                if (s.process != null) pids.add(s.process.pid());
            }
        }
        return pids;
    }

    /** Tables are gone after a reset: every server stops; the next call starts a fresh one. */
    @Override
    public void reset() {
        stopAll();
        timeToLive.clear();
    }

    @Override
    public void close() {
        closed = true;
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already exiting; the hook runs or has run.
        }
    }

    private void stopAll() {
        List<Server> all = new ArrayList<>(servers.values());
        servers.clear();
        all.forEach(Server::stop);
    }
}
