package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.input.Inputs;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;

/**
 * A goal that calls AWS. Region and endpoint are never parameters: the stage (or, for
 * bootstrap, the SDK) fixes the region and the SDK reads {@code AWS_ENDPOINT_URL} (and
 * credentials) from its standard environment.
 */
public abstract class AbstractAwsMojo extends AbstractCrossdeployMojo {
    /** Path-style S3 addressing ({@code true} or {@code false}), for S3-compatible endpoints such as the local cloud. */
    @Parameter(property = "crossdeploy.pathStyleAccess", defaultValue = "false")
    protected String pathStyleAccess;

    /**
     * How long one AWS call attempt may wait for an answer before it is retried: an ISO-8601
     * duration from PT1S to PT15M; unset, the SDK's own limits.
     */
    @Parameter(property = "crossdeploy.awsCallTimeout")
    protected String awsCallTimeout;

    /** The pipeline's base credentials and the SDK's own endpoint resolution. */
    protected AwsSettings awsSettings() {
        return AwsSettings.defaults(Inputs.flag("crossdeploy.pathStyleAccess", pathStyleAccess, false))
                .withCallAttemptTimeout(Inputs.duration("crossdeploy.awsCallTimeout", awsCallTimeout, null,
                        Duration.ofSeconds(1), Duration.ofMinutes(15)));
    }
}
