package dev.crossdeploy.localcloud.cloudformation.template;

import java.util.Map;

/** One entry of the Outputs section. */
public record OutputDecl(String key, Object value, Object description, Object exportName, String condition) {

    static OutputDecl of(String key, Map<String, Object> m) {
        if (!m.containsKey("Value")) {
            throw new TemplateException("Template format error: Every Outputs member must contain a Value object, the Outputs member "
                    + key + " does not contain a Value object.");
        }
        Object export = null;
        if (m.get("Export") instanceof Map<?, ?> e) export = e.get("Name");
        Object cond = m.get("Condition");
        return new OutputDecl(key, m.get("Value"), m.get("Description"), export, cond == null ? null : String.valueOf(cond));
    }
}
