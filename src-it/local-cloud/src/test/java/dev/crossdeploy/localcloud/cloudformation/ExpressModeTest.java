package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DeploymentConfigMode;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CreateChangeSet's DeploymentConfig: express mode completes each resource as soon as it is
 * configured. Resources here take ten minutes to stabilize, so only express mode can finish.
 */
class ExpressModeTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension(600_000);

    private static final String TEMPLATE = "Resources:\n  R: {Type: Test::Record}\n";

    @Test
    void anExpressChangeSetCompletesWithoutWaitingForResourcesToStabilize() {
        CloudFormationClient cfn = cloud.as("staging").cloudFormation();
        StackDriver driver = new StackDriver(cfn);
        driver.changeSet("fast", "c1", ChangeSetType.CREATE, TEMPLATE, b -> b.deploymentConfig(d -> d.mode(DeploymentConfigMode.EXPRESS)));
        driver.changeSet("slow", "c1", ChangeSetType.CREATE, TEMPLATE, b -> { });
        var described = driver.awaitChangeSet("fast", "c1");
        assertThat(described.status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(described.deploymentConfig().mode()).isEqualTo(DeploymentConfigMode.EXPRESS);
        assertThat(driver.awaitChangeSet("slow", "c1").deploymentConfig()).isNull();

        cfn.executeChangeSet(r -> r.stackName("slow").changeSetName("c1"));
        cfn.executeChangeSet(r -> r.stackName("fast").changeSetName("c1"));
        assertThat(driver.settle("fast").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(driver.stack("slow").stackStatus()).isEqualTo(StackStatus.CREATE_IN_PROGRESS);
    }

    @Test
    void anUnknownModeIsRefused() {
        CloudFormationClient cfn = cloud.as("staging").cloudFormation();
        assertThatThrownBy(() -> new StackDriver(cfn).changeSet("app", "c1", ChangeSetType.CREATE, TEMPLATE,
                b -> b.deploymentConfig(d -> d.mode("TURBO"))))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value 'TURBO' at 'deploymentConfig.mode' failed to satisfy"
                                + " constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"));
    }
}
