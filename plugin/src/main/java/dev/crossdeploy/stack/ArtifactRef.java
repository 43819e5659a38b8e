package dev.crossdeploy.stack;

import java.util.Objects;

/**
 * Where the uploaded artifact lives in the stage's account, and its content hash. The stack
 * engine injects it into the template's artifact parameters; the key names the hash, so the
 * stack's ArtifactKey parameter records which artifact is deployed.
 */
public record ArtifactRef(String bucket, String key, String sha256) {
    public ArtifactRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
    }
}
