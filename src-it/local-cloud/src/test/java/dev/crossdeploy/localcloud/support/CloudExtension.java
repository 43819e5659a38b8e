package dev.crossdeploy.localcloud.support;

import dev.crossdeploy.localcloud.LocalCloud;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one local cloud on a free port for a test class and resets it before each test.
 * Register with {@code @RegisterExtension static CloudExtension cloud = new CloudExtension();}.
 */
public final class CloudExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final long resourceDelayMillis;
    private LocalCloud cloud;

    public CloudExtension() { this(5); }

    public CloudExtension(long resourceDelayMillis) { this.resourceDelayMillis = resourceDelayMillis; }

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(resourceDelayMillis).start();
    }

    @Override
    public void beforeEach(ExtensionContext context) { cloud.reset(); }

    @Override
    public void afterAll(ExtensionContext context) { cloud.close(); }

    public LocalCloud cloud() { return cloud; }

    /** SDK clients signed as the root user of an account ("pipeline", "staging", ...). */
    public Clients as(String account) {
        var a = cloud.account(account);
        return new Clients(cloud.endpoint(), cloud.region(), a.accessKeyId(), a.secretAccessKey(), null);
    }

    /** SDK clients signed with explicit (e.g. temporary) credentials. */
    public Clients with(String accessKeyId, String secret, String sessionToken) {
        return new Clients(cloud.endpoint(), cloud.region(), accessKeyId, secret, sessionToken);
    }
}
