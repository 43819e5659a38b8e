package dev.crossdeploy.localcloud.cloudformation.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One entry of the Resources section, properties still in template form. */
public record ResourceDecl(String logicalId, String type, Map<String, Object> properties, List<String> dependsOn,
                           String condition, String deletionPolicy, String updateReplacePolicy) {

    private static final List<String> ATTRIBUTES = List.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy", "Version");

    static ResourceDecl of(String id, Map<String, Object> m) {
        Object type = m.get("Type");
        if (!(type instanceof String t)) {
            throw new TemplateException("Template format error: [/Resources/" + id
                    + "] Every Resources object must contain a Type member.");
        }
        for (String k : m.keySet()) {
            if (!ATTRIBUTES.contains(k)) {
                throw new TemplateException("Template format error: Unrecognized resource attribute [" + k
                        + "] in resource " + id);
            }
        }
        Object props = m.get("Properties");
        if (props != null && !(props instanceof Map<?, ?>)) {
            throw new TemplateException("Template format error: [/Resources/" + id + "/Properties] must be an object");
        }
        List<String> deps = new ArrayList<>();
        Object d = m.get("DependsOn");
        if (d instanceof List<?> l) l.forEach(x -> deps.add(String.valueOf(x)));
        else if (d != null) deps.add(String.valueOf(d));
        @SuppressWarnings("unchecked")
        Map<String, Object> p = props == null ? Map.of() : (Map<String, Object>) props;
        return new ResourceDecl(id, t, p, List.copyOf(deps), str(m.get("Condition")), str(m.get("DeletionPolicy")),
                str(m.get("UpdateReplacePolicy")));
    }

    /** Retain and Snapshot both leave the resource alive here. */
    public boolean retainOnDelete() { return retains(deletionPolicy); }

    public boolean retainOnReplace() { return retains(updateReplacePolicy); }

    private static boolean retains(String policy) {
        return "Retain".equals(policy) || "Snapshot".equals(policy) || "RetainExceptOnCreate".equals(policy);
    }

    private static String str(Object o) { return o == null ? null : String.valueOf(o); }
}
