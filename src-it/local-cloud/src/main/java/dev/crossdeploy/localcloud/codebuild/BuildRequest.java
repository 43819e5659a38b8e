package dev.crossdeploy.localcloud.codebuild;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What starts a build through the Java entry point: the input (a zip or a directory, null for
 * none), the environment variables overriding the project's, and optionally a buildspec
 * override, the initiator (CODEBUILD_INITIATOR, e.g. {@code codepipeline/<pipeline>}), a
 * timeout shorter or longer than the project's and the source version.
 */
public record BuildRequest(Path source, Map<String, String> environmentOverrides, String buildspecOverride,
                           String initiator, Duration timeout, String sourceVersion) {

    public BuildRequest {
        environmentOverrides = environmentOverrides == null ? Map.of() : Map.copyOf(environmentOverrides);
    }

    /** A build of {@code source} (a zip or directory; null for none) with these variables. */
    public static BuildRequest of(Path source, Map<String, String> environmentOverrides) {
        return new BuildRequest(source, environmentOverrides, null, null, null, null);
    }

    public BuildRequest withBuildspec(String buildspec) {
        return new BuildRequest(source, environmentOverrides, buildspec, initiator, timeout, sourceVersion);
    }

    public BuildRequest withInitiator(String who) {
        return new BuildRequest(source, environmentOverrides, buildspecOverride, who, timeout, sourceVersion);
    }

    public BuildRequest withTimeout(Duration bound) {
        return new BuildRequest(source, environmentOverrides, buildspecOverride, initiator, bound, sourceVersion);
    }

    public BuildRequest withSourceVersion(String version) {
        return new BuildRequest(source, environmentOverrides, buildspecOverride, initiator, timeout, version);
    }
}
