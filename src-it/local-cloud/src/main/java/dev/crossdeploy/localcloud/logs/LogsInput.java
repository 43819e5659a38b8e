package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request's JSON members, read with the constraints of CloudWatch Logs' model. Violations are
 * collected and reported at once by {@link #check()}, worded as AWS's validation layer words them.
 */
final class LogsInput {
    static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");
    static final Pattern GROUP_IDENTIFIER = Pattern.compile("[\\w#+=/:,.@-]*");

    private final JsonNode body;
    private final List<String> problems = new ArrayList<>();

    LogsInput(JsonNode body) { this.body = body; }

    /** Throws InvalidParameterException listing every violation found so far. */
    void check() {
        if (!problems.isEmpty()) throw LogsErrors.validation(problems);
    }

    boolean has(String member) { return body.hasNonNull(member); }

    String string(String member) {
        JsonNode n = body.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw LogsErrors.serialization("Unexpected value for " + member + ": expected a string");
        return n.asText();
    }

    /** A string member checked against its length range and pattern; null when absent and optional. */
    String string(String member, boolean required, int min, int max, Pattern pattern) {
        String v = string(member);
        if (v == null) {
            if (required) problems.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
            return null;
        }
        check(member, v, min, max, pattern);
        return v;
    }

    /** Every constraint the value breaks, pattern first, as AWS lists them ("" breaks both pattern and length). */
    void check(String path, String v, int min, int max, Pattern pattern) {
        int length = v.codePointCount(0, v.length());
        if (pattern != null && !pattern.matcher(v).matches()) {
            problems.add(value(path, v) + "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        if (length < min) {
            problems.add(value(path, v) + "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            problems.add(value(path, v) + "Member must have length less than or equal to " + max);
        }
    }

    String groupName(boolean required) { return string("logGroupName", required, 1, 512, GROUP_NAME); }

    String streamName(String member, boolean required) { return string(member, required, 1, 512, STREAM_NAME); }

    Long longValue(String member, long min) {
        JsonNode n = body.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber()) throw LogsErrors.serialization("Unexpected value for " + member + ": expected a number");
        long v = n.asLong();
        if (v < min) problems.add("Value '" + v + "' at '" + member + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        return v;
    }

    Integer intValue(String member, int min, int max) {
        Long v = longValue(member, Long.MIN_VALUE);
        if (v == null) return null;
        if (v < min) {
            problems.add("Value '" + v + "' at '" + member + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        } else if (v > max) {
            problems.add("Value '" + v + "' at '" + member + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return v.intValue();
    }

    boolean bool(String member) {
        JsonNode n = body.get(member);
        if (n == null || n.isNull()) return false;
        if (!n.isBoolean()) throw LogsErrors.serialization("Unexpected value for " + member + ": expected a boolean");
        return n.asBoolean();
    }

    JsonNode node(String member) { return body.get(member); }

    void problem(String text) { problems.add(text); }

    static String value(String path, String v) {
        return "Value '" + v + "' at '" + path + "' failed to satisfy constraint: ";
    }

    static int utf8Length(String s) { return s.getBytes(StandardCharsets.UTF_8).length; }
}
