package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.input.Inputs;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A goal that calls AWS. Region and endpoint are never parameters: the stage (or, for
 * bootstrap, the SDK) fixes the region and the SDK reads {@code AWS_ENDPOINT_URL} (and
 * credentials) from its standard environment.
 */
public abstract class AbstractAwsMojo extends AbstractCrossdeployMojo {
    private static final String BUILD_SCOPE = "crossdeploy.buildScope";

    /** Path-style S3 addressing ({@code true} or {@code false}), for S3-compatible endpoints such as the local cloud. */
    @Parameter(property = "crossdeploy.pathStyleAccess", defaultValue = "false")
    protected String pathStyleAccess;

    /**
     * How long one AWS call attempt may wait for an answer before it is retried: an ISO-8601
     * duration from PT1S to PT15M; unset, the SDK's own limits.
     */
    @Parameter(property = "crossdeploy.awsCallTimeout")
    protected String awsCallTimeout;

    /** The pipeline's base credentials and the SDK's own endpoint resolution; one session per stage for the whole build. */
    protected AwsSettings awsSettings() {
        AwsSettings settings = AwsSettings.defaults(Inputs.flag("crossdeploy.pathStyleAccess", pathStyleAccess, false))
                .withCallAttemptTimeout(Inputs.duration("crossdeploy.awsCallTimeout", awsCallTimeout, null,
                        Duration.ofSeconds(1), Duration.ofMinutes(15)));
        // Maven keeps one plugin context per plugin and project for the whole build: a token put there
        // names this build to every later goal of this plugin, and only to them.
        @SuppressWarnings("unchecked")
        Map<Object, Object> context = getPluginContext();
        if (context == null) return settings;
        Object scope = context.computeIfAbsent(BUILD_SCOPE, k -> UUID.randomUUID().toString());
        return settings.sharedWithin(scope.toString());
    }
}
