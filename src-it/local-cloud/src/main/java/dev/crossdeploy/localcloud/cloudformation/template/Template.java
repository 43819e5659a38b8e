package dev.crossdeploy.localcloud.cloudformation.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed CloudFormation template: its sections with values still in template form (intrinsic
 * functions unevaluated), plus the text it came from for GetTemplate.
 */
public final class Template {
    private static final List<String> SECTIONS = List.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Hooks");

    private final String body;
    private final Map<String, Object> root;
    private final Map<String, ParameterDecl> parameters = new LinkedHashMap<>();
    private final Map<String, ResourceDecl> resources = new LinkedHashMap<>();
    private final Map<String, OutputDecl> outputs = new LinkedHashMap<>();
    private final List<String> transforms = new ArrayList<>();

    Template(String body, Map<String, Object> root) {
        this.body = body;
        this.root = root;
        List<String> unknown = root.keySet().stream().filter(k -> !SECTIONS.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new TemplateException("Template format error: Invalid template property or properties " + unknown);
        }
        Object transform = root.get("Transform");
        if (transform instanceof List<?> l) l.forEach(t -> transforms.add(String.valueOf(t)));
        else if (transform != null) transforms.add(String.valueOf(transform));
        section("Parameters").forEach((k, v) -> parameters.put(k, new ParameterDecl(k, map(v, "Parameters", k))));
        Object res = root.get("Resources");
        if (!(res instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new TemplateException("Template format error: At least one Resources member must be defined.");
        }
        section("Resources").forEach((k, v) -> resources.put(k, ResourceDecl.of(k, map(v, "Resources", k))));
        section("Outputs").forEach((k, v) -> outputs.put(k, OutputDecl.of(k, map(v, "Outputs", k))));
    }

    /** The template exactly as submitted. */
    public String body() { return body; }

    public String description() {
        Object d = root.get("Description");
        return d == null ? null : String.valueOf(d);
    }

    public Map<String, ParameterDecl> parameters() { return Collections.unmodifiableMap(parameters); }
    public Map<String, ResourceDecl> resources() { return Collections.unmodifiableMap(resources); }
    public Map<String, OutputDecl> outputs() { return Collections.unmodifiableMap(outputs); }
    public Map<String, Object> mappings() { return section("Mappings"); }
    public Map<String, Object> conditions() { return section("Conditions"); }
    public List<String> transforms() { return List.copyOf(transforms); }
    public Object metadata() { return root.get("Metadata"); }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        Object v = root.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?>)) {
            throw new TemplateException("Template format error: " + name + " section must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v, String section, String key) {
        if (!(v instanceof Map<?, ?>)) {
            throw new TemplateException("Template format error: [/" + section + "/" + key + "] must be an object");
        }
        return (Map<String, Object>) v;
    }
}
