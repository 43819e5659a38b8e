package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.config.CloudConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local cloud: STS, IAM, S3 and CloudFormation for several accounts behind one HTTP
 * endpoint. Start it in-process from tests or from {@link LocalCloudMain}.
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.builder().port(0).start()) {
 *     URI endpoint = cloud.endpoint();   // give to SDK clients as endpointOverride
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {
    private final CloudState state;
    private final HttpFrontDoor frontDoor;
    private final Path dataDir;
    private final boolean ownsDataDir;

    private LocalCloud(Builder b) throws IOException {
        this.ownsDataDir = b.dataDir == null;
        this.dataDir = b.dataDir != null ? b.dataDir : Files.createTempDirectory("local-cloud");
        CloudConfig config = b.config != null ? b.config : CloudConfig.defaults();
        if (b.resourceDelayMillis != null) config = config.withResourceDelayMillis(b.resourceDelayMillis);
        this.state = new CloudState(config, dataDir);
        this.frontDoor = new HttpFrontDoor(state, b.host, b.port, b.extraModules);
        reset();
    }

    public static Builder builder() { return new Builder(); }

    /** The endpoint URL clients use, e.g. http://localhost:4566. */
    public URI endpoint() { return frontDoor.endpoint(); }

    public int port() { return frontDoor.port(); }

    /** Default region. */
    public String region() { return state.region(); }

    public CloudState state() { return state; }

    public CloudConfig config() { return state.config(); }

    /** Account id for an account name from the configuration ("staging") or an id. */
    public String accountId(String name) { return state.config().accountId(name); }

    /** The root access key of an account from the configuration. */
    public CloudConfig.Account account(String name) { return state.config().account(name); }

    /** Forgets everything created since start and re-creates the configured world; clears faults. */
    public void reset() {
        frontDoor.reset();
        new WorldSeeder(state).seed();
    }

    @Override
    public void close() {
        frontDoor.stop();
        if (ownsDataDir) deleteTree(dataDir);
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options for starting a cloud. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 4566;
        private CloudConfig config;
        private Long resourceDelayMillis;
        private Path dataDir;
        private final java.util.List<java.util.function.Function<CloudState, CloudModule>> extraModules = new java.util.ArrayList<>();

        /** Port to listen on; 0 picks a free one. */
        public Builder port(int port) { this.port = port; return this; }
        public Builder host(String host) { this.host = host; return this; }
        public Builder config(CloudConfig config) { this.config = config; return this; }
        public Builder resourceDelayMillis(long millis) { this.resourceDelayMillis = millis; return this; }
        /** Where object data lives; a fresh temp directory (deleted on close) when unset. */
        public Builder dataDir(Path dir) { this.dataDir = dir; return this; }

        /**
         * Runs one more module after the standard ones (a test's own collaborator, a service under
         * trial); it takes over lookups of the types it implements, such as {@code FunctionInvoker}.
         */
        public Builder module(java.util.function.Function<CloudState, CloudModule> factory) {
            extraModules.add(factory);
            return this;
        }

        public LocalCloud start() {
            try {
                return new LocalCloud(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
