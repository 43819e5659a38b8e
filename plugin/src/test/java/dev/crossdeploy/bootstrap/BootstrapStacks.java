package dev.crossdeploy.bootstrap;

import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.testing.LocalCloudFixture;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import java.time.Duration;
import java.util.List;

/** Bootstraps deployment accounts of the local cloud as their root users, the way the goal does. */
final class BootstrapStacks {
    static final String PIPELINE = "111111111111";
    static final String DEPLOY_ROLE = "crossdeploy-deploy";
    static final String EXECUTION_ROLE = "crossdeploy-cfn-exec";

    private BootstrapStacks() {}

    static BootstrapRequest trusting(String account) {
        return new BootstrapRequest(account, List.of(), null, false, List.of(), null);
    }

    /** Real time, polling fast: the local cloud settles in milliseconds. */
    static Timing fastPolls() {
        return Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    static DeployResult bootstrap(LocalCloudFixture cloud, String account, BootstrapRequest request, Reporter reporter) {
        return Bootstrapper.connect(cloud.settingsAs(account), cloud.region(), reporter, fastPolls(),
                Duration.ofMinutes(2)).bootstrap(request);
    }

    static DeployResult bootstrap(LocalCloudFixture cloud, String account) {
        return bootstrap(cloud, account, trusting(PIPELINE), Reporter.silent());
    }

    static String deployRoleArn(LocalCloudFixture cloud, String account) {
        return "arn:aws:iam::" + cloud.accountId(account) + ":role/" + DEPLOY_ROLE;
    }

    static String executionRoleArn(LocalCloudFixture cloud, String account) {
        return "arn:aws:iam::" + cloud.accountId(account) + ":role/" + EXECUTION_ROLE;
    }

    static String artifactBucket(LocalCloudFixture cloud, String account) {
        return "crossdeploy-artifacts-" + cloud.accountId(account) + "-" + cloud.region();
    }

    /** The deploy role of {@code target}, assumed with {@code caller}'s root key. */
    static AssumeRoleResponse assumeDeployRole(LocalCloudFixture cloud, String caller, String target, String externalId) {
        try (var sts = cloud.root(caller).sts()) {
            return sts.assumeRole(r -> r.roleArn(deployRoleArn(cloud, target)).roleSessionName("test-" + caller)
                    .externalId(externalId));
        }
    }

    static SessionClients session(LocalCloudFixture cloud, AssumeRoleResponse assumed) {
        return new SessionClients(cloud.endpoint(), cloud.region(), assumed);
    }
}
