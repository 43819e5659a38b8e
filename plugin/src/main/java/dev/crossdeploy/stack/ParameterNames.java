package dev.crossdeploy.stack;

/**
 * Names of the template parameters the engine fills in itself, where the template declares
 * them: the artifact's bucket and key, and the stage's name.
 */
public record ParameterNames(String artifactBucket, String artifactKey, String stage) {
    public static final ParameterNames DEFAULTS = new ParameterNames("ArtifactBucket", "ArtifactKey", "Stage");

    public ParameterNames {
        artifactBucket = blankToDefault(artifactBucket, "ArtifactBucket");
        artifactKey = blankToDefault(artifactKey, "ArtifactKey");
        stage = blankToDefault(stage, "Stage");
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
