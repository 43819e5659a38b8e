package dev.crossdeploy.localcloud.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a query-protocol call (STS, IAM, CloudFormation), with AWS's list and map
 * encodings: {@code Tags.member.1.Key}, {@code Capabilities.member.1}.
 */
public final class QueryParams {
    private final Map<String, String> values;

    public QueryParams(Map<String, String> values) { this.values = values; }

    public String action() { return values.get("Action"); }

    public String get(String name) { return values.get(name); }

    public String get(String name, String fallback) { return values.getOrDefault(name, fallback); }

    public boolean has(String name) { return values.containsKey(name); }

    /** A required parameter; missing → AWS's ValidationError with its usual text. */
    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new AwsException(400, "ValidationError",
                    "1 validation error detected: Value null at '" + lowerFirst(name)
                            + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    public Integer integer(String name) {
        String v = values.get(name);
        if (v == null) return null;
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new AwsException(400, "ValidationError", "Invalid value for " + name + ": " + v);
        }
    }

    public boolean bool(String name, boolean fallback) {
        String v = values.get(name);
        return v == null ? fallback : Boolean.parseBoolean(v.trim());
    }

    /** {@code prefix.member.N} values in N order: {@code list("Capabilities")}. */
    public List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String v = values.get(prefix + ".member." + i);
            if (v == null) return out;
            out.add(v);
        }
    }

    /**
     * {@code prefix.member.N.Field} groups in N order: {@code structs("Parameters")} gives maps
     * with keys like "ParameterKey" and "ParameterValue".
     */
    public List<Map<String, String>> structs(String prefix) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String p = prefix + ".member." + i + ".";
            Map<String, String> m = new LinkedHashMap<>();
            values.forEach((k, v) -> {
                if (k.startsWith(p)) m.put(k.substring(p.length()), v);
            });
            if (m.isEmpty()) return out;
            out.add(m);
        }
    }

    public Map<String, String> asMap() { return values; }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
