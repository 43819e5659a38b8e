package dev.crossdeploy.localcloud.cloudformation.resources.support;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The JSON-schema type of one property value, checked the way CloudFormation's resource schemas
 * check it. Problems are reported in the validator's words ("#/Timeout: expected type: Integer,
 * found: String"). Like CloudFormation, scalar values are coerced: "5" passes as an Integer,
 * "true" as a Boolean and 5 as a String.
 */
public abstract class Kind {

    abstract void check(String path, Object value, List<String> problems);

    public static StringKind string() { return new StringKind(); }

    public static IntegerKind integer() { return new IntegerKind(); }

    public static Kind number() {
        return accepting("Number", v -> v instanceof Number || v instanceof String s && isDecimal(s));
    }

    public static Kind bool() {
        return accepting("Boolean", v -> v instanceof Boolean
                || v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")));
    }

    /** A JSON document given as an object or as a string (policy documents, event patterns). */
    public static Kind json() {
        return accepting("JSONObject", v -> v instanceof Map || v instanceof String);
    }

    /** A value {@code accepted} lets through; anything else is reported as not of {@code type}. */
    private static Kind accepting(String type, Predicate<Object> accepted) {
        return new Kind() {
            @Override
            void check(String path, Object value, List<String> problems) {
                if (!accepted.test(value)) mismatch(path, type, value, problems);
            }
        };
    }

    /** Anything; for settings the cloud records without interpreting. */
    public static Kind any() {
        return new Kind() {
            @Override
            void check(String path, Object value, List<String> problems) {}
        };
    }

    public static StringKind enumOf(String... values) { return new StringKind().allowed(values); }

    public static Kind listOf(Kind item) {
        return new Kind() {
            @Override
            void check(String path, Object value, List<String> problems) {
                if (!(value instanceof List<?> list)) {
                    mismatch(path, "JSONArray", value, problems);
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) != null) item.check(path + "/" + i, list.get(i), problems);
                }
            }
        };
    }

    /** An object with free keys whose values are all of one kind (environment variables). */
    public static Kind mapOf(Kind valueKind) {
        return new Kind() {
            @Override
            void check(String path, Object value, List<String> problems) {
                if (!(value instanceof Map<?, ?> map)) {
                    mismatch(path, "JSONObject", value, problems);
                    return;
                }
                map.forEach((k, v) -> {
                    if (v != null) valueKind.check(path + "/" + k, v, problems);
                });
            }
        };
    }

    /** A nested object with its own properties. */
    public static Kind object(Prop... props) { return objectChecking(Schema.of(props)); }

    /**
     * A nested object whose listed properties are checked while others are let through: for
     * large structures (build environments, pipeline actions) the cloud only partly models.
     */
    public static Kind openObject(Prop... props) { return objectChecking(Schema.open(props)); }

    /** An object whose properties {@code schema} checks. */
    private static Kind objectChecking(Schema schema) {
        return new Kind() {
            @Override
            void check(String path, Object value, List<String> problems) {
                if (!(value instanceof Map<?, ?> map)) {
                    mismatch(path, "JSONObject", value, problems);
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) map;
                schema.check(path, m, problems);
            }
        };
    }

    /** Reports a value of the wrong JSON type, in the validator's words. */
    private static void mismatch(String path, String expected, Object value, List<String> problems) {
        problems.add(path + ": expected type: " + expected + ", found: " + jsonType(value));
    }

    /** The validator's name for a value's JSON type. */
    static String jsonType(Object v) {
        if (v instanceof String) return "String";
        if (v instanceof Boolean) return "Boolean";
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger) return "Integer";
        if (v instanceof Number) return "BigDecimal";
        if (v instanceof List) return "JSONArray";
        if (v instanceof Map) return "JSONObject";
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    static boolean isDecimal(String s) {
        try {
            new BigDecimal(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A string, optionally limited in length, by a pattern or to an enumeration. */
    public static final class StringKind extends Kind {
        private Integer minLength;
        private Integer maxLength;
        private Pattern pattern;
        private Set<String> allowed;

        public StringKind minLength(int n) { this.minLength = n; return this; }
        public StringKind maxLength(int n) { this.maxLength = n; return this; }
        public StringKind pattern(String regex) { this.pattern = Pattern.compile(regex); return this; }
        public StringKind allowed(String... values) { this.allowed = Set.copyOf(Arrays.asList(values)); return this; }

        @Override
        void check(String path, Object value, List<String> problems) {
            if (value instanceof List || value instanceof Map) {
                mismatch(path, "String", value, problems);
                return;
            }
            String s = Values.text(value);
            if (allowed != null && !allowed.contains(s)) {
                problems.add(path + ": " + s + " is not a valid enum value");
                return;
            }
            if (minLength != null && s.length() < minLength) {
                problems.add(path + ": expected minLength: " + minLength + ", actual: " + s.length());
            }
            if (maxLength != null && s.length() > maxLength) {
                problems.add(path + ": expected maxLength: " + maxLength + ", actual: " + s.length());
            }
            if (pattern != null && !pattern.matcher(s).matches()) {
                problems.add(path + ": failed validation constraint for keyword [pattern]");
            }
        }
    }

    /** An integer, optionally within bounds; numeric strings are accepted. */
    public static final class IntegerKind extends Kind {
        private Long minimum;
        private Long maximum;
        private Set<Long> allowed;

        public IntegerKind min(long n) { this.minimum = n; return this; }
        public IntegerKind max(long n) { this.maximum = n; return this; }
        public IntegerKind allowed(long... values) {
            this.allowed = Arrays.stream(values).boxed().collect(java.util.stream.Collectors.toSet());
            return this;
        }

        @Override
        void check(String path, Object value, List<String> problems) {
            Long n = Values.asLong(value);
            if (n == null) {
                mismatch(path, "Integer", value, problems);
                return;
            }
            if (allowed != null && !allowed.contains(n)) {
                problems.add(path + ": " + n + " is not a valid enum value");
                return;
            }
            // CloudFormation's schema validator names the keyword rather than the bound.
            if (minimum != null && n < minimum) problems.add(path + ": failed validation constraint for keyword [minimum]");
            if (maximum != null && n > maximum) problems.add(path + ": failed validation constraint for keyword [maximum]");
        }
    }
}
