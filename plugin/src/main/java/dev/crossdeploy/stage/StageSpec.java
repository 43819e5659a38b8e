package dev.crossdeploy.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage as written by the user, in the POM or the stages file: every field may be absent.
 * {@link StageResolver} merges specs, fills the conventional defaults and validates them into
 * {@link Stage}s.
 *
 * @param protectedStage written {@code protected} in both forms
 */
public record StageSpec(String name, String accountId, String region,
                        String deployRoleArn, String executionRoleArn,
                        String artifactBucket, String artifactPrefix, String kmsKeyId, String externalId,
                        Map<String, String> parameters, Map<String, String> tags,
                        Boolean protectedStage, List<String> capabilities, String requireVerifiedIn) {

    public StageSpec(String name,
                     String accountId,
                     String region,
                     String deployRoleArn,
                     String executionRoleArn,
                     String artifactBucket,
                     String artifactPrefix,
                     String kmsKeyId,
                     String externalId,
                     Map<String, String> parameters,
                     Map<String, String> tags,
                     Boolean protectedStage,
                     List<String> capabilities,
                     String requireVerifiedIn) {
        this.name = blankToNull(name);
        this.accountId = blankToNull(accountId);
        this.region = blankToNull(region);
        this.deployRoleArn = blankToNull(deployRoleArn);
        this.executionRoleArn = blankToNull(executionRoleArn);
        this.artifactBucket = blankToNull(artifactBucket);
        this.artifactPrefix = artifactPrefix;
        this.kmsKeyId = blankToNull(kmsKeyId);
        this.externalId = blankToNull(externalId);
        this.parameters = parameters;
        this.tags = tags;
        this.protectedStage = protectedStage;
        this.capabilities = capabilities;
        this.requireVerifiedIn = blankToNull(requireVerifiedIn);
    }

    /** A spec with only a name, account and region: the rest comes from the conventions. */
    public static StageSpec of(String name, String accountId, String region) {
        return new StageSpec(name, accountId, region, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /**
     * This spec with {@code override}'s present fields on top: scalars replace, maps merge key
     * by key (the override's value wins), a present capabilities list replaces.
     */
    public StageSpec overriddenBy(StageSpec override) {
        return new StageSpec(
                pick(override.name, name), pick(override.accountId, accountId), pick(override.region, region),
                pick(override.deployRoleArn, deployRoleArn), pick(override.executionRoleArn, executionRoleArn),
                pick(override.artifactBucket, artifactBucket), pick(override.artifactPrefix, artifactPrefix),
                pick(override.kmsKeyId, kmsKeyId), pick(override.externalId, externalId),
                merge(parameters, override.parameters), merge(tags, override.tags),
                pick(override.protectedStage, protectedStage), pick(override.capabilities, capabilities),
                pick(override.requireVerifiedIn, requireVerifiedIn));
    }

    private static <T> T pick(T preferred, T fallback) { return preferred != null ? preferred : fallback; }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> top) {
        if (base == null) return top;
        if (top == null) return base;
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(top);
        return merged;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
