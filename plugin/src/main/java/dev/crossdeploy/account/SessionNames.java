package dev.crossdeploy.account;

/**
 * The role session name the deploy role is assumed with: {@code crossdeploy-<stage>} and, in
 * CodeBuild, the build id, so CloudTrail in the target account shows which build acted.
 * STS allows 2-64 characters of {@code [\w+=,.@-]}.
 */
public final class SessionNames {
    private static final int MAX = 64;

    private SessionNames() {}

    /** @param buildId the CodeBuild build id ({@code CODEBUILD_BUILD_ID}), or null outside CodeBuild */
    public static String of(String stage, String buildId) {
        String name = "crossdeploy-" + sanitize(stage);
        if (buildId != null && !buildId.isBlank()) name = name + "-" + sanitize(buildId);
        return name.length() <= MAX ? name : name.substring(0, MAX);
    }

    /** From the environment this build runs in. */
    public static String forStage(String stage) { return of(stage, System.getenv("CODEBUILD_BUILD_ID")); }

    private static String sanitize(String s) { return s.replaceAll("[^\\w+=,.@-]", "-"); }
}
