package dev.crossdeploy.gate;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationGateTest {
    private static final String PASSED = "a".repeat(64);
    private static final String UNTESTED = "b".repeat(64);

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private final RecordingReporter reporter = new RecordingReporter();
    private final VerificationGate gate = new VerificationGate(reporter, Clock.systemUTC());
    private Stage staging;
    private Stage prod;

    @BeforeEach
    void accounts() {
        DeploymentAccount stagingAccount = cloud.seed("staging").apply();
        DeploymentAccount prodAccount = cloud.seed("prod").apply();
        staging = cloud.stage("staging", stagingAccount);
        prod = cloud.stage("prod", prodAccount);
    }

    private AccountSession stagingSession() {
        return AccountSession.open(staging, cloud.pipelineSettings(), "crossdeploy-staging", reporter);
    }

    @Test
    void anArtifactThatPassedInStagingMayGoToProd() {
        try (AccountSession session = stagingSession()) {
            String key = gate.recordPass(session, staging, "example-api", PASSED, "build-7");
            assertThat(key).isEqualTo("example-api/verified/" + PASSED + ".json");

            gate.requirePass(session, staging, prod, "example-api", PASSED);
        }
        assertThat(reporter.lines()).anyMatch(l -> l.contains("passed in staging; prod may receive it"));
    }

    @Test
    void anUntestedArtifactIsRefusedNamingBothShas() {
        try (AccountSession session = stagingSession()) {
            gate.recordPass(session, staging, "example-api", PASSED, null);

            assertThatThrownBy(() -> gate.requirePass(session, staging, prod, "example-api", UNTESTED))
                    .isInstanceOf(CrossdeployException.class)
                    .hasMessageStartingWith("Refusing to deploy example-api sha256 " + UNTESTED + " to prod: "
                            + "it has not passed the integration tests in staging; the latest that passed there is " + PASSED)
                    .hasMessageEndingWith("Deploy and test this artifact in staging first.");
        }
    }

    @Test
    void nothingPassedYetIsSaid() {
        try (AccountSession session = stagingSession()) {
            assertThatThrownBy(() -> gate.requirePass(session, staging, prod, "example-api", UNTESTED))
                    .hasMessageContaining("no artifact of example-api has passed there yet");
        }
    }

    @Test
    void aStageRequiringVerificationRefusesWhenThereIsNoArtifactAtAll() {
        Stage guarded = new Stage(prod.name(), prod.accountId(), prod.region(), prod.deployRoleArn(),
                prod.executionRoleArn(), prod.artifactBucket(), "", null, null, null, null, true, null, "staging");
        var stages = new dev.crossdeploy.stage.StageResolver(java.util.List.of(), null);

        assertThatThrownBy(() -> gate.requireBeforeDeploy(stages, guarded, cloud.pipelineSettings(), "example-api", null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage prod deploys only artifacts verified in staging, but no packaged and uploaded artifact"
                        + " was found; run package and upload-to-account -Dstage=prod first.");
    }

    @Test
    void stagesWithoutTheRequirementAreNotChecked() {
        var stages = new dev.crossdeploy.stage.StageResolver(java.util.List.of(), null);
        // prod here has no requireVerifiedIn: nothing is looked up, nothing refused.
        gate.requireBeforeDeploy(stages, prod, cloud.pipelineSettings(), "example-api", UNTESTED);
        assertThat(reporter.lines()).isEmpty();
    }

    @Test
    void recordsAreKeptUnderTheStagesArtifactPrefix() {
        Stage prefixed = new Stage(staging.name(), staging.accountId(), staging.region(), staging.deployRoleArn(),
                staging.executionRoleArn(), staging.artifactBucket(), "/team-a/", null, null, null, null, false, null, null);
        assertThat(VerificationGate.recordKey(prefixed, "svc", PASSED)).isEqualTo("team-a/svc/verified/" + PASSED + ".json");
    }
}
