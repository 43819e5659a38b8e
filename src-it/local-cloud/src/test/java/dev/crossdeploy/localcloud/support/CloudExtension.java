package dev.crossdeploy.localcloud.support;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.LocalCloud;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.function.Function;

/**
 * Starts one local cloud on a free port for a test class and resets it before each test.
 * Register with {@code @RegisterExtension static CloudExtension cloud = new CloudExtension();}.
 */
public final class CloudExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final long resourceDelayMillis;
    private final List<Function<CloudState, CloudModule>> modules;
    private LocalCloud cloud;

    public CloudExtension() { this(5); }

    public CloudExtension(long resourceDelayMillis) {
        this.resourceDelayMillis = resourceDelayMillis;
        this.modules = List.of();
    }

    /** A cloud that also runs these modules (test doubles of services another module needs). */
    @SafeVarargs
    public CloudExtension(Function<CloudState, CloudModule>... modules) {
        this.resourceDelayMillis = 5;
        this.modules = List.of(modules);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalCloud.Builder builder = LocalCloud.builder().port(0).resourceDelayMillis(resourceDelayMillis);
        modules.forEach(builder::module);
        cloud = builder.start();
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
