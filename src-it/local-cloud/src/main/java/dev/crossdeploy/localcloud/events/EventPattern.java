package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern, matched as EventBridge does: every field the pattern names must
 * match; a leaf is an array of alternatives (OR), each an exact value (case-sensitive, numbers
 * compared as numbers) or an operator object ({@code prefix}, {@code suffix}, {@code anything-but},
 * {@code exists}, {@code numeric}, {@code equals-ignore-case}, {@code wildcard}); an object
 * descends into the event's object of that name; an array in the event matches when any of its
 * elements does.
 */
public final class EventPattern {
    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) { this.pattern = pattern; }

    /** Compiles a pattern; throws IllegalArgumentException with EventBridge's reason when it is not valid. */
    public static EventPattern of(JsonNode pattern) {
        if (pattern == null || !pattern.isObject()) throw new IllegalArgumentException("Filter is not an object");
        check(pattern);
        return new EventPattern(pattern);
    }

    public boolean matches(JsonNode event) { return matchesObject(pattern, event); }

    private static void check(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                check(v);
            } else if (!v.isArray()) {
                throw new IllegalArgumentException("Match value must be String, number, true, false, or null");
            }
        }
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = event == null ? null : event.get(e.getKey());
            if (e.getValue().isObject()) {
                if (value == null || !value.isObject() || !matchesObject(e.getValue(), value)) return false;
            } else if (!matchesField(e.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    /** {@code alternatives} is the pattern's array; {@code value} the event's field, null when absent. */
    private static boolean matchesField(JsonNode alternatives, JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value != null && value.isArray()) value.forEach(values::add);
        else if (value != null) values.add(value);
        for (JsonNode alternative : alternatives) {
            if (alternative.isObject() && alternative.has("exists")) {
                boolean present = value != null && !(value.isArray() && value.isEmpty());
                if (alternative.get("exists").asBoolean() == present) return true;
                continue;
            }
            for (JsonNode v : values) {
                if (matchesValue(alternative, v)) return true;
            }
        }
        return false;
    }

    private static boolean matchesValue(JsonNode alternative, JsonNode v) {
        if (!alternative.isObject()) return equal(alternative, v);
        Map.Entry<String, JsonNode> op = alternative.fields().next();
        JsonNode arg = op.getValue();
        return switch (op.getKey()) {
            case "prefix" -> arg.isObject() && arg.has("equals-ignore-case")
                    ? v.isTextual() && v.asText().toLowerCase().startsWith(arg.get("equals-ignore-case").asText().toLowerCase())
                    : v.isTextual() && v.asText().startsWith(arg.asText());
            case "suffix" -> arg.isObject() && arg.has("equals-ignore-case")
                    ? v.isTextual() && v.asText().toLowerCase().endsWith(arg.get("equals-ignore-case").asText().toLowerCase())
                    : v.isTextual() && v.asText().endsWith(arg.asText());
            case "equals-ignore-case" -> v.isTextual() && v.asText().equalsIgnoreCase(arg.asText());
            case "wildcard" -> v.isTextual() && wildcard(arg.asText(), v.asText());
            case "anything-but" -> !anyOf(arg, v);
            case "numeric" -> v.isNumber() && numeric(arg, v.decimalValue());
            default -> throw new IllegalArgumentException("Unrecognized match type " + op.getKey());
        };
    }

    /** anything-but's argument: a value, a list of values, or an operator such as {"prefix": ...}. */
    private static boolean anyOf(JsonNode arg, JsonNode v) {
        if (arg.isArray()) {
            for (JsonNode a : arg) if (equal(a, v)) return true;
            return false;
        }
        if (arg.isObject()) return matchesValue(arg, v);
        return equal(arg, v);
    }

    private static boolean equal(JsonNode pattern, JsonNode v) {
        if (pattern.isNumber() && v.isNumber()) return pattern.decimalValue().compareTo(v.decimalValue()) == 0;
        if (pattern.isNull()) return v.isNull();
        if (pattern.isTextual()) return v.isTextual() && pattern.asText().equals(v.asText());
        if (pattern.isBoolean()) return v.isBoolean() && pattern.asBoolean() == v.asBoolean();
        return false;
    }

    private static boolean numeric(JsonNode arg, java.math.BigDecimal n) {
        for (int i = 0; i + 1 < arg.size(); i += 2) {
            int c = n.compareTo(arg.get(i + 1).decimalValue());
            boolean ok = switch (arg.get(i).asText()) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalArgumentException("Unrecognized numeric range operator: " + arg.get(i).asText());
            };
            if (!ok) return false;
        }
        return true;
    }

    private static boolean wildcard(String pattern, String text) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) parts.add(java.util.regex.Pattern.quote(part));
        return text.matches(String.join(".*", parts));
    }
}
