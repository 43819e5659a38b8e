package dev.crossdeploy.localcloud.cloudformation.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares expected and actual properties object by object and list by list, down to the scalars. */
final class PropertyDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PropertyDiff() {}

    static List<PropertyDifference> between(Map<String, Object> expected, Map<String, Object> actual) {
        List<PropertyDifference> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String path, Map<String, Object> expected, Map<String, Object> actual, List<PropertyDifference> out) {
        Set<String> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            value(path + "/" + key, expected.get(key), actual.get(key), out);
        }
    }

    /** Objects compare key by key and lists element by element, so a path names the smallest part that differs. */
    @SuppressWarnings("unchecked")
    private static void value(String at, Object e, Object a, List<PropertyDifference> out) {
        if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
            compare(at, (Map<String, Object>) em, (Map<String, Object>) am, out);
        } else if (e instanceof List<?> el && a instanceof List<?> al) {
            for (int i = 0; i < Math.max(el.size(), al.size()); i++) {
                value(at + "/" + i, i < el.size() ? el.get(i) : null, i < al.size() ? al.get(i) : null, out);
            }
        } else if (e == null && a != null) {
            out.add(new PropertyDifference(at, null, text(a), "ADD"));
        } else if (e != null && a == null) {
            out.add(new PropertyDifference(at, text(e), null, "REMOVE"));
        } else if (e != null && !text(e).equals(text(a))) {
            out.add(new PropertyDifference(at, text(e), text(a), "NOT_EQUAL"));
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
