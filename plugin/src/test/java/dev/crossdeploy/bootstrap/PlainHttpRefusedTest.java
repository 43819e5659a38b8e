package dev.crossdeploy.bootstrap;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.report.Reporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The artifact bucket's policy refuses requests that do not come over TLS, even the deploy role's. */
class PlainHttpRefusedTest {
    private static LocalCloud cloud;

    @BeforeAll
    static void startCloudWithoutTls() {
        CloudConfig d = CloudConfig.defaults();
        CloudConfig plainHttp = new CloudConfig(d.region(), 5, false, d.accounts(), d.roles(), d.buckets());
        cloud = LocalCloud.builder().port(0).config(plainHttp).start();
    }

    @AfterAll
    static void stop() { cloud.close(); }

    @Test
    void theDeployRoleCannotPutOverPlainHttp() {
        Bootstrapper.connect(new AwsSettings(root("staging"), cloud.endpoint(), true), cloud.region(), Reporter.silent(),
                BootstrapStacks.fastPolls(), Duration.ofMinutes(2)).bootstrap(BootstrapStacks.trusting("111111111111"));
        String bucket = "crossdeploy-artifacts-222222222222-" + cloud.region();

        AwsCredentialsProvider deploy;
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(root("pipeline")).build()) {
            var c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/crossdeploy-deploy")
                    .roleSessionName("plain-http")).credentials();
            deploy = StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
        try (S3Client s3 = S3Client.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(deploy).forcePathStyle(true).build()) {
            assertThatThrownBy(() -> s3.putObject(p -> p.bucket(bucket).key("a.zip"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
    }

    private static AwsCredentialsProvider root(String account) {
        var a = cloud.account(account);
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey()));
    }
}
