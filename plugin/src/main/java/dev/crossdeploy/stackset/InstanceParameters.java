package dev.crossdeploy.stackset;

import dev.crossdeploy.stack.ArtifactRef;
import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stack.ResolvedParameters;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits the parameter values of a group's stages into what the stack set holds for every
 * instance and what each instance overrides.
 * <p>
 * The artifact bucket, the stage name and every parameter any stage sets itself are per-instance
 * overrides (always sent for every instance, so none falls back to another stage's value); the
 * rest, above all the artifact key, lives on the stack set, so a new release is one UpdateStackSet
 * across all instances. The stack set also carries the first stage's values of the overridden
 * parameters without a Default, since CloudFormation wants a value for each of them (every stage
 * has its own value for those, or the template check refuses it).
 */
final class InstanceParameters {
    private final Map<String, String> stackSetValues;
    private final Map<String, Map<String, String>> overridesByStage;
    private final Set<String> overriddenKeys;

    private InstanceParameters(Map<String, String> stackSetValues, Map<String, Map<String, String>> overridesByStage,
                               Set<String> overriddenKeys) {
        this.stackSetValues = stackSetValues;
        this.overridesByStage = overridesByStage;
        this.overriddenKeys = overriddenKeys;
    }

    /**
     * @param artifacts each stage's artifact location by stage name (absent without a packaged artifact)
     * @throws dev.crossdeploy.CrossdeployException when a stage's parameters do not fit the template,
     *         or the stack-set-wide values differ between stages (an artifact key under another prefix)
     */
    static InstanceParameters plan(Template template, List<Stage> stages, Map<String, ArtifactRef> artifacts,
                                   ParameterNames names) {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (Stage stage : stages) {
            values.put(stage.name(), ResolvedParameters.resolve(template, stage, artifacts.get(stage.name()), names).values());
        }
        Set<String> overridden = new LinkedHashSet<>();
        for (String key : template.parameters().keySet()) {
            boolean perInstance = key.equals(names.artifactBucket()) || key.equals(names.stage())
                    || stages.stream().anyMatch(s -> s.parameters().containsKey(key));
            if (perInstance && values.values().stream().anyMatch(v -> v.containsKey(key))) overridden.add(key);
        }
        Map<String, String> shared = new LinkedHashMap<>();
        Stage first = stages.get(0);
        for (String key : template.parameters().keySet()) {
            String value = values.get(first.name()).get(key);
            if (value == null) continue;
            // An overridden parameter with a Default stays off the stack set: an instance that sets no value gets
            // the Default, not the first stage's value.
            if (overridden.contains(key) && template.parameters().get(key).hasDefault()) continue;
            if (!overridden.contains(key)) {
                for (Stage other : stages) {
                    String theirs = values.get(other.name()).get(key);
                    if (!value.equals(theirs)) {
                        throw new dev.crossdeploy.CrossdeployException("Stages " + first.name() + " and " + other.name()
                                + " need different values of template parameter " + key + " (" + value + ", " + theirs
                                + "), which a stack set holds once for all instances; give the group's stages the same"
                                + " artifactPrefix.");
                    }
                }
            }
            shared.put(key, value);
        }
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        values.forEach((stage, v) -> {
            Map<String, String> own = new LinkedHashMap<>();
            overridden.forEach(key -> { if (v.containsKey(key)) own.put(key, v.get(key)); });
            overrides.put(stage, own);
        });
        return new InstanceParameters(shared, overrides, overridden);
    }

    /** The stack set's own parameter values. */
    List<Parameter> stackSet() { return toSdk(stackSetValues); }

    /** The values the stack set holds, by name. */
    Map<String, String> stackSetValues() { return stackSetValues; }

    /** What {@code stage}'s instance overrides, by name. */
    Map<String, String> overrides(String stage) { return overridesByStage.get(stage); }

    /** Every value {@code stage}'s instance stack ends up with. */
    Map<String, String> effective(String stage) {
        Map<String, String> all = new LinkedHashMap<>(stackSetValues);
        all.putAll(overridesByStage.get(stage));
        return all;
    }

    /** Names of the parameters each instance overrides. */
    Set<String> overriddenKeys() { return overriddenKeys; }

    static List<Parameter> toSdk(Map<String, String> values) {
        List<Parameter> result = new ArrayList<>();
        values.forEach((k, v) -> result.add(Parameter.builder().parameterKey(k).parameterValue(v).build()));
        return result;
    }
}
