package dev.crossdeploy.testing;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One local cloud per test class on a free port, reset before each test, with helpers to
 * seed deployment accounts and to reach the cloud as the pipeline does.
 * <pre>{@code
 * @RegisterExtension static LocalCloudFixture cloud = new LocalCloudFixture();
 *
 * DeploymentAccount qa = cloud.seed("qa").apply();            // roles + artifact bucket
 * Stage stage = cloud.stage("qa", qa);                         // conventional names
 * try (AccountSession s = AccountSession.open(stage, cloud.pipelineSettings(), "crossdeploy-qa", reporter)) { ... }
 * }</pre>
 */
public final class LocalCloudFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final long resourceDelayMillis;
    private final List<dev.crossdeploy.localcloud.CloudModule> extraModules;
    private LocalCloud cloud;

    public LocalCloudFixture() { this(5); }

    public LocalCloudFixture(long resourceDelayMillis) { this(resourceDelayMillis, List.of()); }

    /** @param extraModules modules the cloud consults besides its own, e.g. one that counts requests */
    public LocalCloudFixture(long resourceDelayMillis, List<dev.crossdeploy.localcloud.CloudModule> extraModules) {
        this.resourceDelayMillis = resourceDelayMillis;
        this.extraModules = List.copyOf(extraModules);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalCloud.Builder builder = LocalCloud.builder().port(0).resourceDelayMillis(resourceDelayMillis);
        extraModules.forEach(module -> builder.module(state -> module));
        cloud = builder.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cloud.reset();
        RequestLog.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) { cloud.close(); }

    public LocalCloud cloud() { return cloud; }

    public URI endpoint() { return cloud.endpoint(); }

    public String region() { return cloud.region(); }

    /** Account id of a configured account ("pipeline", "staging", "qa", "prod"). */
    public String accountId(String account) { return cloud.accountId(account); }

    /** Settings as the pipeline's build has them: the pipeline account's key, this endpoint, path-style S3. */
    public AwsSettings pipelineSettings() { return settingsAs("pipeline"); }

    /** Settings with another account's root key as base credentials. */
    public AwsSettings settingsAs(String account) {
        var a = cloud.account(account);
        return new AwsSettings(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())), cloud.endpoint(), true);
    }

    /** Clients signed as an account's root user, for seeding and inspecting. */
    public RootClients root(String account) {
        var a = cloud.account(account);
        return new RootClients(cloud.endpoint(), cloud.region(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())));
    }

    /** Starts preparing a deployment account; finish with {@link AccountSeed#apply()}. */
    public AccountSeed seed(String account) { return new AccountSeed(this, account); }

    /** A stage named {@code name} targeting a seeded account with the conventional roles and bucket. */
    public Stage stage(String name, DeploymentAccount account) {
        return new Stage(name, account.accountId(), account.region(), account.deployRoleArn(),
                account.executionRoleArn(),
                "crossdeploy-artifacts-" + account.accountId() + "-" + account.region(), "", null,
                account.externalId(), Map.of(), Map.of(), false, List.of(), null);
    }
}
