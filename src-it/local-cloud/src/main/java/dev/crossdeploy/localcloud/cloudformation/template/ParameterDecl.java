package dev.crossdeploy.localcloud.cloudformation.template;

import java.util.List;
import java.util.Map;

/** One entry of the Parameters section. */
public record ParameterDecl(String name, Map<String, Object> spec) {

    public String type() { return str("Type"); }

    public String defaultValue() {
        Object d = spec.get("Default");
        if (d instanceof List<?> l) return String.join(",", l.stream().map(String::valueOf).toList());
        return d == null ? null : String.valueOf(d);
    }

    public boolean noEcho() { return "true".equalsIgnoreCase(str("NoEcho")); }

    public String description() { return str("Description"); }

    public String str(String key) {
        Object v = spec.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** List-typed parameters evaluate to a list of strings. */
    public boolean isList() {
        String t = type();
        return t != null && (t.startsWith("List<") || t.equals("CommaDelimitedList"));
    }
}
