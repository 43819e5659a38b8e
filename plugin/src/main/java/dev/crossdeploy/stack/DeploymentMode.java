package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.model.DeploymentConfig;

import java.util.Locale;
import java.util.Optional;

/**
 * CloudFormation's deployment mode for a change set: STANDARD waits for every resource to
 * stabilize, EXPRESS completes once each resource is configured. Express mode is for fast
 * iteration, so a protected stage refuses it unless the user allows it there explicitly.
 */
public enum DeploymentMode {
    STANDARD, EXPRESS;

    /**
     * The mode to put on the change set, empty when the user chose none (CloudFormation's default).
     *
     * @param text                the value of {@code crossdeploy.deploymentMode} as written, null or blank for none
     * @param allowOnProtected    {@code crossdeploy.allowExpress}: express mode accepted on a protected stage
     */
    public static Optional<DeploymentMode> resolve(Stage stage, String text, boolean allowOnProtected) {
        if (text == null || text.isBlank()) return Optional.empty();
        String mode = text.trim().toUpperCase(Locale.ROOT);
        if (!mode.equals("STANDARD") && !mode.equals("EXPRESS")) {
            throw new CrossdeployException("crossdeploy.deploymentMode '" + text.trim() + "' is not a deployment mode; use STANDARD or EXPRESS.");
        }
        if (mode.equals("EXPRESS") && stage.protectedStage() && !allowOnProtected) {
            throw new CrossdeployException("Refused: stage " + stage.name() + " is protected and express mode does not wait for"
                    + " resources to stabilize; deploy it without -Dcrossdeploy.deploymentMode=EXPRESS, or allow it there"
                    + " with -Dcrossdeploy.allowExpress=true");
        }
        return Optional.of(valueOf(mode));
    }

    /** The change set's DeploymentConfig for this mode. */
    DeploymentConfig config() {
        return DeploymentConfig.builder().mode(name()).build();
    }
}
