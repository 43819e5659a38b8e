package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values a change set is created with: the stage's parameters plus the artifact
 * location and stage name, injected only where the template declares the parameters. Checked
 * before anything is written: a stage value for an undeclared parameter, or a parameter without
 * a Default that gets no value, fails with one line.
 */
public final class ResolvedParameters {
    /** What a NoEcho value is shown as. */
    public static final String MASK = "****";

    private final Map<String, String> values;
    private final Map<String, TemplateParameter> declared;

    private ResolvedParameters(Map<String, String> values, Map<String, TemplateParameter> declared) {
        this.values = Collections.unmodifiableMap(values);
        this.declared = declared;
    }

    public static ResolvedParameters resolve(Template template, Stage stage, ArtifactRef artifact, ParameterNames names) {
        Map<String, TemplateParameter> declared = template.parameters();
        for (String key : stage.parameters().keySet()) {
            if (!declared.containsKey(key)) {
                throw new CrossdeployException("Stage " + stage.name() + " sets parameter " + key
                        + ", which template " + template.path().getFileName() + " does not declare (declared: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())) + ")");
            }
        }
        Map<String, String> injected = new LinkedHashMap<>();
        if (artifact != null) {
            injected.put(names.artifactBucket(), artifact.bucket());
            injected.put(names.artifactKey(), artifact.key());
        }
        injected.put(names.stage(), stage.name());

        Map<String, String> values = new LinkedHashMap<>();
        for (TemplateParameter p : declared.values()) {
            String value = stage.parameters().containsKey(p.name()) ? stage.parameters().get(p.name()) : injected.get(p.name());
            if (value != null) {
                values.put(p.name(), value);
            } else if (!p.hasDefault()) {
                throw new CrossdeployException(missingMessage(p.name(), template, stage, names));
            }
        }
        return new ResolvedParameters(values, declared);
    }

    private static String missingMessage(String name, Template template, Stage stage, ParameterNames names) {
        String where = "Template parameter " + name + " in " + template.path().getFileName() + " has no Default and no value";
        if (name.equals(names.artifactBucket()) || name.equals(names.artifactKey())) {
            return where + ": there is no uploaded artifact; run upload-to-account first";
        }
        return where + ": set it in stage " + stage.name() + "'s parameters";
    }

    /** Values to send, by parameter name. */
    public Map<String, String> values() { return values; }

    public List<Parameter> toSdk() {
        List<Parameter> result = new ArrayList<>();
        values.forEach((k, v) -> result.add(Parameter.builder().parameterKey(k).parameterValue(v).build()));
        return result;
    }

    /** Values safe to print: NoEcho parameters masked. */
    public Map<String, String> printable() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, isNoEcho(k) ? MASK : v));
        return shown;
    }

    public boolean isNoEcho(String name) {
        TemplateParameter p = declared.get(name);
        return p != null && p.noEcho();
    }
}
