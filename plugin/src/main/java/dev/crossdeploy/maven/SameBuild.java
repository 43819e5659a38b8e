package dev.crossdeploy.maven;

import java.util.List;

/**
 * What the goals of one Maven build hand each other through the plugin context, which Maven
 * keeps per plugin and project for the whole build.
 */
final class SameBuild {
    /** upload-to-account's results, left for the deploy-stack that follows to show in its summary. */
    static final String UPLOADS = "crossdeploy.uploads";

    private SameBuild() {}

    /**
     * Whether the goals on Maven's command line run deploy-stack after upload-to-account: the
     * crossdeploy lifecycle's phase {@code deploy-stack} (which runs upload-to-account first), or a
     * deploy-stack goal or phase named after an upload-to-account goal or phase.
     */
    static boolean deployStackFollowsUpload(List<String> goals) {
        boolean uploaded = false;
        for (String goal : goals) {
            if (goal.equals("deploy-stack")) return true;
            if (uploaded && names(goal, "deploy-stack")) return true;
            if (goal.equals("upload-to-account") || names(goal, "upload-to-account")) uploaded = true;
        }
        return false;
    }

    /** {@code crossdeploy:<goal>} or {@code dev.crossdeploy:crossdeploy-maven-plugin[:<version>]:<goal>}, with or without {@code @<execution>}. */
    private static boolean names(String entry, String goal) {
        String plain = entry.contains("@") ? entry.substring(0, entry.indexOf('@')) : entry;
        if (!plain.endsWith(":" + goal)) return false;
        return plain.startsWith("crossdeploy:") || plain.contains(":crossdeploy-maven-plugin:");
    }
}
