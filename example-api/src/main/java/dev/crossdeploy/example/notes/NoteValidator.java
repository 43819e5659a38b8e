package dev.crossdeploy.example.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks request input and turns it into typed values. Every problem found is reported at
 * once, joined in one 400 message, so a client can fix its request in one go.
 */
public final class NoteValidator {
    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_BODY_LENGTH = 10_000;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private static final Set<String> CREATE_FIELDS = Set.of("title", "body");
    private static final Set<String> UPDATE_FIELDS = Set.of("title", "body", "version");

    private NoteValidator() {
    }

    /** A create request: {@code title} (required) and {@code body} (optional, default ""). */
    public static NoteDraft draft(ObjectNode json) {
        List<String> problems = new ArrayList<>();
        rejectUnknownFields(json, CREATE_FIELDS, problems);
        String title = title(json, problems);
        String body = body(json, problems);
        failIfAny(problems);
        return new NoteDraft(title, body);
    }

    /** An update request: the full new content plus the {@code version} it is based on. */
    public static NoteChange change(ObjectNode json) {
        List<String> problems = new ArrayList<>();
        rejectUnknownFields(json, UPDATE_FIELDS, problems);
        String title = title(json, problems);
        String body = body(json, problems);
        JsonNode versionNode = json.get("version");
        long version = 0;
        if (versionNode == null || versionNode.isNull()) {
            problems.add("version is required: send the version you last read");
        } else {
            version = positiveInteger(versionNode).orElse(0L);
            if (version == 0) {
                problems.add("version must be a positive integer");
            }
        }
        failIfAny(problems);
        return new NoteChange(title, body, version);
    }

    /** The {@code limit} query parameter: 1..100, default 20. */
    public static int limit(Optional<String> raw) {
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.get().trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw ApiException.badRequest("limit must be an integer between 1 and " + MAX_LIMIT
                + ", got '" + raw.get() + "'");
    }

    /** The optional {@code version} query parameter of a conditional delete. */
    public static Optional<Long> expectedVersion(Optional<String> raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            long version = Long.parseLong(raw.get().trim());
            if (version >= 1) {
                return Optional.of(version);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("version must be a positive integer, got '" + raw.get() + "'");
    }

    private static String title(ObjectNode json, List<String> problems) {
        JsonNode node = json.get("title");
        if (node == null || node.isNull()) {
            problems.add("title is required");
            return null;
        }
        if (!node.isTextual()) {
            problems.add("title must be a string");
            return null;
        }
        String title = node.textValue().strip();
        if (title.isEmpty()) {
            problems.add("title must not be blank");
        } else if (title.length() > MAX_TITLE_LENGTH) {
            problems.add("title must be at most " + MAX_TITLE_LENGTH + " characters, got " + title.length());
        }
        return title;
    }

    private static String body(ObjectNode json, List<String> problems) {
        JsonNode node = json.get("body");
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            problems.add("body must be a string");
            return null;
        }
        String body = node.textValue();
        if (body.length() > MAX_BODY_LENGTH) {
            problems.add("body must be at most " + MAX_BODY_LENGTH + " characters, got " + body.length());
        }
        return body;
    }

    private static Optional<Long> positiveInteger(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 1) {
            return Optional.of(node.longValue());
        }
        return Optional.empty();
    }

    private static void rejectUnknownFields(ObjectNode json, Set<String> allowed, List<String> problems) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add("unknown field '" + name + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
    }
}
