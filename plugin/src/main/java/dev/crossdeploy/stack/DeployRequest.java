package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one {@code deploy-stack} run needs, fixed before the engine starts.
 *
 * @param stage          where to deploy
 * @param stackName      the CloudFormation stack's name
 * @param template       the template file (YAML or JSON)
 * @param artifact       the uploaded artifact, or null when the template uses none
 * @param parameterNames names of the template parameters the engine fills in
 * @param allowReplace   logical ids a protected stage may replace or remove
 * @param dryRun         create and show the change set, then delete it
 * @param timeout        how long to wait for the stack to settle
 * @param outputDir      where {@code <stage>-outputs.json} is written (target/crossdeploy)
 */
public record DeployRequest(Stage stage, String stackName, Path template, ArtifactRef artifact,
                            ParameterNames parameterNames, Set<String> allowReplace, boolean dryRun,
                            Duration timeout, Path outputDir) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public DeployRequest {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(outputDir, "outputDir");
        parameterNames = parameterNames == null ? ParameterNames.DEFAULTS : parameterNames;
        allowReplace = allowReplace == null ? Set.of() : Set.copyOf(allowReplace);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }
}
