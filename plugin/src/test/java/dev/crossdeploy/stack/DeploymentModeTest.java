package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.DeploymentConfigMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** crossdeploy.deploymentMode: CloudFormation's express mode on the change set, kept off protected stages. */
class DeploymentModeTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    @TempDir
    Path dir;

    @Test
    void expressModeIsPassedOnTheChangeSet() throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n");
        var stage = cloud.stage("dev", Map.of(), false);
        var request = new DeployRequest(stage, "orders-dev", file, null, ParameterNames.DEFAULTS, Set.of(), false,
                Duration.ofMinutes(5), dir.resolve("out"));
        new StackDeployer(cloud.cfn(), new S3TemplateUploader(cloud.s3()), new RecordingReporter(),
                Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(200)))
                .deploymentMode(DeploymentMode.resolve(stage, "express", false)).deploy(request);
        String changeSetId = cloud.cfn().describeStacks(b -> b.stackName("orders-dev")).stacks().get(0).changeSetId();
        assertThat(cloud.cfn().describeChangeSet(b -> b.changeSetName(changeSetId)).deploymentConfig().mode())
                .isEqualTo(DeploymentConfigMode.EXPRESS);
    }

    @Test
    void noModeKeepsCloudFormationsDefault() {
        assertThat(DeploymentMode.resolve(cloud.stage("dev", Map.of(), false), " ", false)).isEmpty();
        assertThat(DeploymentMode.resolve(cloud.stage("prod", Map.of(), true), "STANDARD", false))
                .map(DeploymentMode::name).isEqualTo(Optional.of("STANDARD"));
    }

    @Test
    void expressModeOnAProtectedStageIsRefusedUnlessAllowed() {
        var prod = cloud.stage("prod", Map.of(), true);
        assertThatThrownBy(() -> DeploymentMode.resolve(prod, "EXPRESS", false)).isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused: stage prod is protected and express mode does not wait for resources to stabilize;"
                        + " deploy it without -Dcrossdeploy.deploymentMode=EXPRESS, or allow it there with -Dcrossdeploy.allowExpress=true");
        assertThat(DeploymentMode.resolve(prod, "EXPRESS", true)).map(DeploymentMode::name).isEqualTo(Optional.of("EXPRESS"));
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> DeploymentMode.resolve(cloud.stage("dev", Map.of(), false), "fast", false))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("crossdeploy.deploymentMode 'fast' is not a deployment mode; use STANDARD or EXPRESS.");
    }
}
