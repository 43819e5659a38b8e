package dev.crossdeploy.localcloud.cloudformation.stacksets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's Parameters or ParameterOverrides list as values: UsePreviousValue keeps the present value. */
final class ParameterList {
    private ParameterList() {}

    static Map<String, String> values(List<Map<String, String>> given, Map<String, String> present) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, String> m : given) {
            String key = m.get("ParameterKey");
            if ("true".equalsIgnoreCase(m.get("UsePreviousValue"))) {
                if (present.containsKey(key)) out.put(key, present.get(key));
            } else {
                out.put(key, m.get("ParameterValue"));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
