package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RequestLog;
import dev.crossdeploy.testing.TestZips;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS and network failures reach the user as one line with the next step, and nothing is written. */
class AwsErrorLinesTest {
    static final String ROLE = "arn:aws:iam::333333333333:role/crossdeploy-deploy";

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path dir;

    DeploymentAccount qa;

    @BeforeEach
    void packaged() throws Exception {
        qa = cloud.seed("qa").apply();
        Files.createDirectories(dir.resolve("target"));
        Path zip = TestZips.of(dir.resolve("target/orders-api-1.0-lambda.zip"), Map.of("README", new byte[] {1}));
        new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), null, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(dir.resolve("target")));
        RequestLog.clear();
    }

    UploadToAccountMojo upload(AwsSettings settings) {
        UploadToAccountMojo mojo = new UploadToAccountMojo() {
            @Override protected AwsSettings awsSettings() { return settings; }
        };
        mojo.project = MojoTestSupport.project(dir);
        mojo.stage = "qa";
        mojo.stages = List.of(MojoTestSupport.stage("qa", qa.accountId(), qa.region()));
        mojo.skip = "false";
        mojo.multipartThreshold = "16777216";
        mojo.partSize = "8388608";
        mojo.uploadThreads = "4";
        mojo.setLog(MojoTestSupport.quiet());
        return mojo;
    }

    void failsWith(AwsSettings settings, String line) {
        assertThatThrownBy(upload(settings)::execute).isInstanceOf(MojoFailureException.class).hasMessage(line);
        assertThat(RequestLog.calls()).noneMatch(c -> c.matches("\\w+ (Put|Create|Upload|Complete|Delete|Execute|Update).*"));
        try (S3Client s3 = cloud.root("qa").s3()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(qa.artifactBucket())).contents()).isEmpty();
        }
    }

    AwsSettings as(AwsBasicCredentials credentials, URI endpoint) {
        return new AwsSettings(StaticCredentialsProvider.create(credentials), endpoint, true);
    }

    @Test
    void credentialsAwsDoesNotAccept() {
        var pipeline = cloud.cloud().account("pipeline");
        failsWith(as(AwsBasicCredentials.create(pipeline.accessKeyId(), "not-the-secret"), cloud.endpoint()),
                "Cannot assume deploy role " + ROLE + " for stage 'qa': STS does not accept the AWS credentials"
                        + " (SignatureDoesNotMatch); check the build's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                        + " (or AWS_PROFILE) and run again.");
    }

    @Test
    void noCredentialsAtAll() {
        failsWith(new AwsSettings(ProfileCredentialsProvider.create("crossdeploy-no-such-profile"), cloud.endpoint(), true),
                "Cannot assume deploy role " + ROLE + " for stage 'qa': No usable AWS credentials for the build;"
                        + " set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where an instance"
                        + " or container role is available.");
    }

    @Test
    void anEndpointThatRefusesConnections() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var pipeline = cloud.cloud().account("pipeline");
        AwsSettings settings = as(AwsBasicCredentials.create(pipeline.accessKeyId(), pipeline.secretAccessKey()),
                URI.create("http://127.0.0.1:" + port));
        assertThatThrownBy(upload(settings)::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Cannot assume deploy role " + ROLE + " for stage 'qa': The AWS endpoint http://127.0.0.1:" + port
                        + " refused the connection; check that AWS_ENDPOINT_URL names a running endpoint and that the"
                        + " build's network reaches it, then run again.");
    }

    @Test
    void throttlingUntilTheRetriesRunOut() {
        cloud.cloud().state().faults().add(FaultRule.next(0, "s3", "HeadObject", FaultKind.THROTTLE));
        failsWith(cloud.pipelineSettings(), "Stage 'qa' (account 333333333333, us-east-1): S3 kept throttling the requests (HTTP 503) until the retries ran out;"
                + " wait a few minutes and run again, or run fewer deployments at the same time.");
    }

    @Test
    void stsThrottlingUntilTheRetriesRunOut() {
        cloud.cloud().state().faults().add(FaultRule.next(0, "sts", "AssumeRole", FaultKind.THROTTLE));
        failsWith(cloud.pipelineSettings(), "Cannot assume deploy role " + ROLE + " for stage 'qa': STS kept throttling"
                + " the requests (Throttling: Rate exceeded) until the retries ran out; wait a few minutes and run again,"
                + " or run fewer deployments at the same time.");
    }

    @Test
    void serverErrorsUntilTheRetriesRunOut() {
        cloud.cloud().state().faults().add(FaultRule.next(0, "s3", "HeadObject", FaultKind.INTERNAL_ERROR));
        failsWith(cloud.pipelineSettings(), "Stage 'qa' (account 333333333333, us-east-1): S3 failed on its side"
                + " (HTTP 500 Internal Server Error) and the retries ran out; run again later.");
    }

    @Test
    void connectionsDroppedUntilTheRetriesRunOut() {
        cloud.cloud().state().faults().add(FaultRule.next(0, "s3", "HeadObject", FaultKind.DROP_CONNECTION));
        // The HTTP client says only "Unexpected end of file from server"; the endpoint is the one the call went to.
        failsWith(cloud.pipelineSettings(), "Stage 'qa' (account 333333333333, us-east-1): The AWS endpoint "
                + cloud.endpoint() + " dropped the connection without answering (closed or reset it), also after retries;"
                + " check any proxy or firewall between the build and the endpoint and that AWS_ENDPOINT_URL names an AWS"
                + " endpoint, then run again.");
    }

    @Test
    void anEndpointThatResetsConnections() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread resetter = new Thread(() -> {
                try {
                    while (true) {
                        var s = server.accept();
                        s.setSoLinger(true, 0);
                        s.close();
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            resetter.setDaemon(true);
            resetter.start();
            URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
            failsWith(as(pipelineKeys(), endpoint), "Cannot assume deploy role " + ROLE + " for stage 'qa': The AWS endpoint "
                    + endpoint + " dropped the connection without answering (closed or reset it), also after retries;"
                    + " check any proxy or firewall between the build and the endpoint and that AWS_ENDPOINT_URL names an"
                    + " AWS endpoint, then run again.");
        }
    }

    @Test
    void anEndpointThatNeverAnswersWithinTheCallTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
            // The backlog takes the connections; nobody reads or answers them.
            failsWith(as(pipelineKeys(), endpoint).withCallAttemptTimeout(java.time.Duration.ofMillis(300)),
                    "Cannot assume deploy role " + ROLE + " for stage 'qa': The AWS endpoint " + endpoint + " did not answer"
                            + " in time, also after retries; check the network, proxy settings and AWS_ENDPOINT_URL"
                            + " (crossdeploy.awsCallTimeout sets how long each call may take), then run again.");
        }
    }

    @Test
    void anUnknownHost() {
        URI endpoint = URI.create("http://no-such-host.invalid:4566");
        failsWith(as(pipelineKeys(), endpoint), "Cannot assume deploy role " + ROLE + " for stage 'qa': The AWS endpoint "
                + endpoint + " cannot be reached: its host no-such-host.invalid is unknown; check AWS_ENDPOINT_URL"
                + " (or the stage's region) and the build's DNS, then run again.");
    }

    AwsBasicCredentials pipelineKeys() {
        var pipeline = cloud.cloud().account("pipeline");
        return AwsBasicCredentials.create(pipeline.accessKeyId(), pipeline.secretAccessKey());
    }
}
