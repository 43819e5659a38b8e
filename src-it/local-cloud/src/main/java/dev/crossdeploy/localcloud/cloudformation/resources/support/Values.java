package dev.crossdeploy.localcloud.cloudformation.resources.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads resolved template values the way CloudFormation coerces them: numbers may be strings,
 * booleans may be "true"/"false", documents may be objects or JSON strings.
 */
public final class Values {
    /** Keys sorted, so equal documents serialise alike whatever map they came in. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Values() {}

    /** A scalar as text; integral numbers without a decimal point. */
    public static String text(Object v) {
        if (v == null) return null;
        if (v instanceof Double || v instanceof Float) {
            BigDecimal d = BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return v.toString();
    }

    public static String string(Map<String, Object> props, String key) {
        return props == null ? null : text(props.get(key));
    }

    public static String string(Map<String, Object> props, String key, String fallback) {
        String s = string(props, key);
        return s == null ? fallback : s;
    }

    static Long asLong(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) ? (long) d : null;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static Integer integer(Map<String, Object> props, String key) {
        Long n = props == null ? null : asLong(props.get(key));
        return n == null ? null : Math.toIntExact(n);
    }

    public static int integer(Map<String, Object> props, String key, int fallback) {
        Integer n = integer(props, key);
        return n == null ? fallback : n;
    }

    public static boolean bool(Map<String, Object> props, String key, boolean fallback) {
        Object v = props == null ? null : props.get(key);
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return Boolean.parseBoolean(s.trim());
        return fallback;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> props, String key) {
        Object v = props == null ? null : props.get(key);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public static List<String> strings(Map<String, Object> props, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(props, key)) if (o != null) out.add(text(o));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> props, String key) {
        Object v = props == null ? null : props.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Map<String, Object> props, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(props, key)) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
        return out;
    }

    /** A document property as JSON text: objects are serialised, strings passed through. */
    public static String json(Object v) {
        if (v == null) return null;
        if (v instanceof String s) return s;
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable as JSON: " + v.getClass(), e);
        }
    }

    /** Did the value of {@code key} change between two property maps (by value, not by form)? */
    public static boolean changed(Map<String, Object> before, Map<String, Object> after, String key) {
        return !java.util.Objects.equals(normal(before.get(key)), normal(after.get(key)));
    }

    private static Object normal(Object v) {
        if (v == null) return null;
        if (v instanceof Map || v instanceof List) return json(v);
        return text(v);
    }
}
