package dev.crossdeploy.gate;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.stack.ArtifactRef;
import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stack.StackDeployer;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.RequestLog;
import dev.crossdeploy.testing.TestZips;
import dev.crossdeploy.upload.UploadOptions;
import dev.crossdeploy.upload.UploadResult;
import dev.crossdeploy.upload.UploadToAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's own deploy and upload refuse an unverified artifact for a stage that requires one, whoever calls them. */
class EngineGateTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path target;

    final RecordingReporter reporter = new RecordingReporter();
    final VerificationGate gate = new VerificationGate(reporter, Clock.systemUTC());
    Stage staging;
    Stage prod;
    String sha;

    @BeforeEach
    void accounts() throws Exception {
        staging = cloud.stage("staging", cloud.seed("staging").apply());
        Stage plain = cloud.stage("prod", cloud.seed("prod").apply());
        prod = new Stage(plain.name(), plain.accountId(), plain.region(), plain.deployRoleArn(), plain.executionRoleArn(),
                plain.artifactBucket(), "", null, null, null, null, false, null, "staging");
        Path zip = TestZips.of(target.resolve("orders-1.0-lambda.zip"), Map.of("README", new byte[] {1}));
        sha = Sha256.hexOf(zip);
        new ArtifactManifest(zip, sha, Files.size(zip), null, "com.example", "orders", "1.0")
                .write(ArtifactManifest.locationIn(target));
        RequestLog.clear();
    }

    String refusal(String artifactSha) {
        return "Refusing to deploy artifact sha256 " + artifactSha + " to prod: the stage takes only artifacts verified in"
                + " staging and this one was not checked by the verification gate; deploy it with the upload-to-account and"
                + " deploy-stack goals, or pass the proof VerificationGate.requireBeforeDeploy returns.";
    }

    UploadResult upload(Verified proof) {
        return UploadToAccount.run(prod, cloud.pipelineSettings(), "crossdeploy-prod", target, UploadOptions.DEFAULTS, reporter, proof);
    }

    Verified passedInStaging(String artifactSha) {
        try (AccountSession session = AccountSession.open(staging, cloud.pipelineSettings(), "crossdeploy-staging", reporter)) {
            gate.recordPass(session, staging, "orders", artifactSha, null);
            return gate.requirePass(session, staging, prod, "orders", artifactSha);
        }
    }

    @Test
    void uploadWithoutTheGatesProofIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> upload(null)).isInstanceOf(CrossdeployException.class).hasMessage(refusal(sha));
        assertThat(RequestLog.calls()).isEmpty();
    }

    @Test
    void aProofForAnotherArtifactDoesNotCount() {
        Verified other = passedInStaging("c".repeat(64));
        RequestLog.clear();
        assertThatThrownBy(() -> upload(other)).isInstanceOf(CrossdeployException.class).hasMessage(refusal(sha));
        assertThat(RequestLog.calls()).isEmpty();
    }

    @Test
    void uploadWithTheProofGoesThrough() {
        Verified proof = passedInStaging(sha);
        assertThat(upload(proof).status()).isEqualTo(UploadResult.Status.UPLOADED);
    }

    @Test
    void deployWithoutTheGatesProofIsRefusedBeforeAnyCall() throws Exception {
        Path template = target.resolve("template.yaml");
        Files.writeString(template, "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n");
        DeployRequest request = new DeployRequest(prod, "orders-prod", template,
                new ArtifactRef(prod.artifactBucket(), "orders/" + sha + ".zip", sha), ParameterNames.DEFAULTS,
                Set.of(), false, Duration.ofMinutes(5), target.resolve("crossdeploy"));
        try (AccountSession session = AccountSession.open(prod, cloud.pipelineSettings(), "crossdeploy-prod", reporter)) {
            RequestLog.clear();
            StackDeployer deployer = new StackDeployer(session.cloudFormation(), TemplateUploader.none(), reporter, Timing.real());
            assertThatThrownBy(() -> deployer.deploy(request)).isInstanceOf(CrossdeployException.class).hasMessage(refusal(sha));
        }
        assertThat(RequestLog.calls("CloudFormation")).isEmpty();
        assertThat(RequestLog.calls("S3")).isEmpty();
    }
}
