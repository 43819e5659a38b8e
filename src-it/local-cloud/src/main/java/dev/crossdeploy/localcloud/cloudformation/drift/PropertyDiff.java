package dev.crossdeploy.localcloud.cloudformation.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares expected and actual properties object by object; lists and scalars compare whole. */
final class PropertyDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PropertyDiff() {}

    static List<PropertyDifference> between(Map<String, Object> expected, Map<String, Object> actual) {
        List<PropertyDifference> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void compare(String path, Map<String, Object> expected, Map<String, Object> actual, List<PropertyDifference> out) {
        Set<String> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            String at = path + "/" + key;
            Object e = expected.get(key);
            Object a = actual.get(key);
            if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
                compare(at, (Map<String, Object>) em, (Map<String, Object>) am, out);
            } else if (e == null && a != null) {
                out.add(new PropertyDifference(at, null, text(a), "ADD"));
            } else if (e != null && a == null) {
                out.add(new PropertyDifference(at, text(e), null, "REMOVE"));
            } else if (e != null && !text(e).equals(text(a))) {
                out.add(new PropertyDifference(at, text(e), text(a), "NOT_EQUAL"));
            }
        }
    }

    /** Scalars as their text (a template's "30" equals a service's 30), structures as JSON. */
    static String text(Object v) {
        if (v instanceof Map || v instanceof List) return json(v);
        return String.valueOf(v);
    }

    static String json(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
