package dev.crossdeploy.account;

import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one retry policy: bursts of faults are survived, a permanent outage ends after a bounded number of attempts. */
class RetriesTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    void fail(int times, String service, String action, FaultKind kind) {
        cloud.cloud().state().faults().add(FaultRule.next(times, service, action, kind));
    }

    @Test
    void sixThrottlesOrServerErrorsInARowOnAssumeRoleDoNotStopTheSession() {
        DeploymentAccount qa = cloud.seed("qa").withoutBucket().apply();
        Stage stage = cloud.stage("qa", qa);
        fail(3, "sts", "AssumeRole", FaultKind.THROTTLE);
        fail(3, "sts", "AssumeRole", FaultKind.UNAVAILABLE);

        try (AccountSession session = AccountSession.open(stage, cloud.pipelineSettings(), "crossdeploy-qa", new RecordingReporter())) {
            assertThat(session.accountId()).isEqualTo(qa.accountId());
        }
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(6);
    }

    @Test
    void aPermanentOutageEndsAfterTheBoundedNumberOfAttempts() {
        fail(0, "sts", "GetCallerIdentity", FaultKind.THROTTLE);
        var account = cloud.cloud().account("pipeline");
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                .overrideConfiguration(Retries.policy())
                .build()) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.isThrottlingException()).isTrue());
        }
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(Retries.MAX_ATTEMPTS);
    }

    @Test
    void theReadmeStatesTheBoundOfAPermanentOutage() throws Exception {
        assertThat(Retries.worstCaseBackoff()).isEqualTo(Duration.ofSeconds(111));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("up to " + Retries.MAX_ATTEMPTS + " times",
                Retries.worstCaseBackoff().toSeconds() + " s");
    }
}
