package dev.crossdeploy.stage;

import dev.crossdeploy.CrossdeployException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the stages a user wrote (a stages file and the POM's {@code <stages>}) into validated
 * {@link Stage}s and picks the one {@code -Dstage} names.
 * <p>
 * A POM entry with the name of a file entry overrides it field by field (maps key by key);
 * absent roles and bucket default to the bootstrap stack's names ({@link StageDefaults}).
 */
public final class StageResolver {
    /** The implicit group: every stage that is not protected. */
    public static final String ALL = "all";

    private final Map<String, Stage> stages;
    private final Map<String, List<String>> groups;
    private final Map<String, StackSetConfig> stackSets;

    /**
     * @param pomStages  the POM's entries (may be empty)
     * @param stagesFile the YAML stages file, or null for none
     */
    public StageResolver(List<StageSpec> pomStages, Path stagesFile) {
        StagesFile.Contents file = stagesFile == null ? new StagesFile.Contents(List.of(), Map.of()) : StagesFile.load(stagesFile);
        List<StageSpec> fromFile = file.stages();
        Map<String, StageSpec> merged = new LinkedHashMap<>();
        indexed(fromFile, "stages file " + stagesFile).forEach(merged::put);
        indexed(pomStages == null ? List.of() : pomStages, "the POM's <stages>")
                .forEach((name, spec) -> merged.merge(name, spec, StageSpec::overriddenBy));
        Map<String, Stage> built = new LinkedHashMap<>();
        merged.forEach((name, spec) -> built.put(name, withDefaults(spec)));
        built.values().forEach(s -> StageValidator.validate(s, built.keySet()));
        this.stages = built;
        this.groups = checkedGroups(file.groups(), file.stackSets().keySet(), built, stagesFile);
        file.stackSets().forEach((group, config) -> config.validate(group, groups.get(group).stream()
                .map(m -> built.get(m).region()).collect(java.util.stream.Collectors.toSet())));
        this.stackSets = file.stackSets();
    }

    /**
     * The group {@code -Dstage} names for a stack-set rollout: its stages in the order listed and
     * its {@code stackSet:} block.
     */
    public StackSetGroup stackSetGroup(String name) {
        if (name == null || name.isBlank()) {
            throw new CrossdeployException("No group given; run deploy-stack-set with -Dstage=<group>, one of the stages"
                    + " file's groups with a stackSet: block: " + knownStackSets() + ".");
        }
        String group = name.trim();
        if (!stackSets.containsKey(group)) {
            String what = stages.containsKey(group) ? "'" + group + "' is a stage, not a group"
                    : groups.containsKey(group) ? "group '" + group + "' has no stackSet: block"
                    : "unknown group '" + group + "'";
            throw new CrossdeployException("deploy-stack-set -Dstage=" + group + ": " + what + "; name a group of the stages"
                    + " file with a stackSet: block (" + knownStackSets() + "), written as"
                    + " groups: { " + group + ": { stages: [...], stackSet: {} } }.");
        }
        return new StackSetGroup(group, groups.get(group).stream().map(stages::get).toList(), stackSets.get(group));
    }

    private String knownStackSets() {
        return stackSets.isEmpty() ? "none configured" : String.join(", ", new TreeSet<>(stackSets.keySet()));
    }

    /** All stages, file entries first, in the order written. */
    public List<Stage> stages() { return List.copyOf(stages.values()); }

    /** The stage called {@code name}, the value of {@code -Dstage}. */
    public Stage resolve(String name) {
        if (stages.isEmpty()) {
            throw new CrossdeployException("No stages are configured; add <stages><stage>...</stage></stages>"
                    + " to the plugin configuration or point crossdeploy.stagesFile at a stages file.");
        }
        if (name == null || name.isBlank()) {
            throw new CrossdeployException("No stage given; run with -Dstage=<name>, one of: " + known() + ".");
        }
        Stage stage = stages.get(name.trim());
        if (stage == null) {
            throw new CrossdeployException("Unknown stage '" + name.trim() + "'; known stages: " + known()
                    + ". Run with one of them or add the stage to <stages> or the stages file.");
        }
        return stage;
    }

    /**
     * The stages {@code -Dstage} names: one stage, a comma list of stages and groups (the stages
     * file's {@code groups:}), or {@value #ALL} for every stage that is not protected. Order is
     * kept, repeats count once. A protected stage is included only where named by itself.
     */
    public List<Stage> resolveAll(String value) {
        if (stages.isEmpty() || value == null || !value.contains(",") && !isGroup(value.trim())) return List.of(resolve(value));
        Map<String, Stage> picked = new LinkedHashMap<>();
        for (String entry : value.split(",", -1)) {
            String name = entry.trim();
            if (name.isEmpty()) {
                throw new CrossdeployException("-Dstage=" + value + " has an empty entry; separate stage and group names"
                        + " by single commas, like -Dstage=qa-eu,qa-us.");
            }
            if (stages.containsKey(name)) {
                picked.putIfAbsent(name, stages.get(name));
            } else if (isGroup(name)) {
                members(name).forEach(s -> picked.putIfAbsent(s.name(), s));
            } else {
                throw new CrossdeployException("Unknown stage or group '" + name + "' in -Dstage=" + value
                        + "; known stages: " + known() + "; groups: " + knownGroups() + ".");
            }
        }
        if (picked.isEmpty()) {
            throw new CrossdeployException("-Dstage=" + value + " selects no stage (every stage is protected);"
                    + " name the stages to deploy, like -Dstage=qa,prod.");
        }
        return List.copyOf(picked.values());
    }

    private boolean isGroup(String name) {
        return !stages.containsKey(name) && (groups.containsKey(name) || ALL.equals(name));
    }

    private List<Stage> members(String group) {
        if (groups.containsKey(group)) {
            List<Stage> members = groups.get(group).stream().map(stages::get).toList();
            // Only a stack-set group may hold a protected stage, and only deploy-stack-set may deploy it so.
            members.stream().filter(Stage::protectedStage).findFirst().ifPresent(p -> {
                throw new CrossdeployException("Group '" + group + "' holds protected stage '" + p.name() + "', which a"
                        + " stage-by-stage run never deploys through a group; use deploy-stack-set -Dstage=" + group
                        + " or name the stages one by one.");
            });
            return members;
        }
        return stages.values().stream().filter(s -> !s.protectedStage()).toList();
    }

    private String knownGroups() {
        TreeSet<String> names = new TreeSet<>(groups.keySet());
        if (!stages.containsKey(ALL)) names.add(ALL);
        return String.join(", ", names);
    }

    /**
     * Every member a stage; no protected member, since a group must never reach production unnamed,
     * except in a stack-set group, where deploy-stack-set asks for an explicit allowance.
     */
    private static Map<String, List<String>> checkedGroups(Map<String, List<String>> groups, Set<String> stackSetGroups,
                                                           Map<String, Stage> stages, Path file) {
        groups.forEach((group, members) -> {
            String where = "Group '" + group + "' in stages file " + file + ": ";
            if (stages.containsKey(group)) {
                throw new CrossdeployException(where + "a stage has the same name; rename the group or the stage.");
            }
            if (stackSetGroups.contains(group) && members.size() != new java.util.HashSet<>(members).size()) {
                throw new CrossdeployException(where + "it lists a stage twice; list each stage once.");
            }
            if (members.isEmpty()) {
                throw new CrossdeployException(where + "it lists no stages; list stage names, like [qa-eu, qa-us].");
            }
            for (String member : members) {
                Stage stage = stages.get(member);
                if (stage == null) {
                    throw new CrossdeployException(where + "unknown stage '" + member + "'; list only configured stages.");
                }
                if (stage.protectedStage() && !stackSetGroups.contains(group)) {
                    throw new CrossdeployException(where + "stage '" + member + "' is protected and a group never includes"
                            + " a protected stage; remove it from the group and name it in -Dstage by itself.");
                }
            }
        });
        return Map.copyOf(groups);
    }

    private String known() { return String.join(", ", new TreeSet<>(stages.keySet())); }

    private static Map<String, StageSpec> indexed(List<StageSpec> specs, String source) {
        Map<String, StageSpec> byName = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        int position = 0;
        for (StageSpec spec : specs) {
            position++;
            if (spec == null || spec.name() == null) {
                throw new CrossdeployException("Stage #" + position + " in " + source + " has no name;"
                        + " give every stage a name (the value of -Dstage).");
            }
            if (!seen.add(spec.name())) {
                throw new CrossdeployException("Stage name '" + spec.name() + "' is defined twice in " + source
                        + "; give each stage a unique name or remove one of them.");
            }
            byName.put(spec.name(), spec);
        }
        return byName;
    }

    private static Stage withDefaults(StageSpec s) {
        String where = "Stage '" + s.name() + "': ";
        if (s.accountId() == null) {
            throw new CrossdeployException(where + "accountId is missing; set it to the 12-digit id of the account"
                    + " the stage deploys to.");
        }
        if (s.region() == null) {
            throw new CrossdeployException(where + "region is missing; set it to the region the stage deploys to,"
                    + " like us-east-1.");
        }
        // "" or "a/b/": keys are prefix + rest, whichever way the user wrote the slashes.
        String trimmed = s.artifactPrefix() == null ? "" : s.artifactPrefix().replaceAll("^/+|/+$", "");
        String prefix = trimmed.isEmpty() ? "" : trimmed + "/";
        return new Stage(s.name(), s.accountId(), s.region(),
                or(s.deployRoleArn(), StageDefaults.deployRoleArn(s.accountId())),
                or(s.executionRoleArn(), StageDefaults.executionRoleArn(s.accountId())),
                or(s.artifactBucket(), StageDefaults.artifactBucket(s.accountId(), s.region())),
                prefix, s.kmsKeyId(), s.externalId(), noNulls(s.parameters()), noNulls(s.tags()),
                Boolean.TRUE.equals(s.protectedStage()),
                s.capabilities() == null ? List.of() : new ArrayList<>(s.capabilities()),
                s.requireVerifiedIn());
    }

    /** {@code Key:} with nothing after it (YAML) or an empty element (POM) means the empty string. */
    private static Map<String, String> noNulls(Map<String, String> map) {
        if (map == null) return null;
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        return copy;
    }

    private static String or(String value, String fallback) { return value != null ? value : fallback; }
}
