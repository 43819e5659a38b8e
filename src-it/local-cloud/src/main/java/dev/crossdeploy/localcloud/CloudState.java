package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.auth.CredentialStore;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.localcloud.faults.Faults;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.s3.S3Store;

import java.nio.file.Path;

/**
 * Everything the local cloud knows, shared by its services: accounts' keys, IAM, S3 and the
 * fault rules. The services reach each other's state through here (CloudFormation creates
 * buckets in S3 and roles in IAM; S3 asks IAM for decisions).
 */
public final class CloudState {
    private final CloudConfig config;
    private final CloudClock clock = new CloudClock();
    private final CredentialStore credentials = new CredentialStore();
    private final IamStore iam = new IamStore(clock);
    private final S3Store s3;
    private final Faults faults = new Faults();
    private volatile long resourceDelayMillis;

    public CloudState(CloudConfig config, Path dataDir) {
        this.config = config;
        this.resourceDelayMillis = config.resourceDelayMillis();
        this.s3 = new S3Store(this, dataDir.resolve("s3"));
    }

    public CloudConfig config() { return config; }
    public CloudClock clock() { return clock; }
    public CredentialStore credentials() { return credentials; }
    public IamStore iam() { return iam; }
    public S3Store s3() { return s3; }
    public Faults faults() { return faults; }

    /** How long each stack resource takes to settle. */
    public long resourceDelayMillis() { return resourceDelayMillis; }
    public void resourceDelayMillis(long millis) { this.resourceDelayMillis = millis; }

    /** Default region, for requests that do not carry one. */
    public String region() { return config.region(); }
}
