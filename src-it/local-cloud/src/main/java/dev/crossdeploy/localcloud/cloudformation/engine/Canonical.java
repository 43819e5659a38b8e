package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.cloudformation.template.Intrinsics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Compares property values as CloudFormation does: scalars by their text, maps by content. */
final class Canonical {
    private Canonical() {}

    static Object of(Object v) {
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), of(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(Canonical::of).toList();
        return v == null ? null : Intrinsics.text(v);
    }

    static boolean same(Object a, Object b) { return Objects.equals(of(a), of(b)); }

    /** Top-level keys whose values differ. */
    static Set<String> changedKeys(Map<String, Object> before, Map<String, Object> after) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(k -> same(before.get(k), after.get(k)));
        return keys;
    }
}
