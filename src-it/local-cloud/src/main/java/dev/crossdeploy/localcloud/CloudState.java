package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.auth.CredentialStore;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.localcloud.faults.Faults;
import dev.crossdeploy.localcloud.faults.Holds;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.s3.S3Store;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything the local cloud knows, shared by its services: accounts' keys, IAM, S3, the
 * fault rules and the service modules. The services reach each other's state through here
 * (CloudFormation creates buckets in S3 and tables in DynamoDB; S3 asks IAM for decisions;
 * API Gateway invokes functions through the Lambda module).
 */
public final class CloudState {
    private final CloudConfig config;
    private final CloudClock clock = new CloudClock();
    private final CredentialStore credentials = new CredentialStore();
    private final IamStore iam = new IamStore(clock);
    private final S3Store s3;
    private final Faults faults = new Faults();
    private final Holds holds = new Holds();
    private final Path dataDir;
    private final List<CloudModule> modules = Collections.synchronizedList(new ArrayList<>());
    private volatile long resourceDelayMillis;
    private volatile URI endpoint;

    public CloudState(CloudConfig config, Path dataDir) {
        this.config = config;
        this.resourceDelayMillis = config.resourceDelayMillis();
        this.dataDir = dataDir;
        this.s3 = new S3Store(clock, dataDir.resolve("s3"));
    }

    /** Where the cloud keeps files (objects, unpacked code, table stores); deleted with the cloud when temporary. */
    public Path dataDir() { return dataDir; }

    /**
     * The module of this type, or the one implementing this interface (for example
     * {@code FunctionInvoker}), the last started if several do; fails when the cloud runs none
     * (a wiring error, not a user's).
     */
    public <T> T module(Class<T> type) {
        synchronized (modules) {
            // The last one wins: a module a test adds takes over from the standard one it stands in for.
            for (int i = modules.size() - 1; i >= 0; i--) {
                if (type.isInstance(modules.get(i))) return type.cast(modules.get(i));
            }
        }
        throw new IllegalStateException("The local cloud runs no " + type.getSimpleName());
    }

    /** The running modules, in start order. */
    public List<CloudModule> modules() {
        synchronized (modules) {
            return List.copyOf(modules);
        }
    }

    void addModule(CloudModule module) { modules.add(module); }

    /** The URL clients reach the cloud at (what functions and builds get as AWS_ENDPOINT_URL). */
    public URI endpoint() { return endpoint; }

    void endpoint(URI endpoint) { this.endpoint = endpoint; }

    public CloudConfig config() { return config; }
    public CloudClock clock() { return clock; }
    public CredentialStore credentials() { return credentials; }
    public IamStore iam() { return iam; }
    public S3Store s3() { return s3; }
    public Faults faults() { return faults; }
    /** Requests held until a test releases them (in-process tests only). */
    public Holds holds() { return holds; }

    /** How long each stack resource takes to settle. */
    public long resourceDelayMillis() { return resourceDelayMillis; }
    public void resourceDelayMillis(long millis) { this.resourceDelayMillis = millis; }

    /** Default region, for requests that do not carry one. */
    public String region() { return config.region(); }
}
