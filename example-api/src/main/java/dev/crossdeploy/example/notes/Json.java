package dev.crossdeploy.example.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/** JSON in and out: parses request bodies and renders notes, pages and messages. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Parses a request body that must be a JSON object, or fails with a 400 saying why. */
    public static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("Request body is required: send a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Request body is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return object;
    }

    public static String note(Note note) {
        return write(noteNode(note));
    }

    /** A page of notes; {@code nextToken} is left out on the last page. */
    public static String page(List<Note> notes, Optional<String> nextToken) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode items = root.putArray("items");
        notes.forEach(note -> items.add(noteNode(note)));
        nextToken.ifPresent(token -> root.put("nextToken", token));
        return write(root);
    }

    public static String message(String message) {
        return write(MAPPER.createObjectNode().put("message", message));
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectNode noteNode(Note note) {
        return MAPPER.createObjectNode()
                .put("id", note.id())
                .put("title", note.title())
                .put("body", note.body())
                .put("version", note.version())
                .put("createdAt", note.createdAt().toString())
                .put("updatedAt", note.updatedAt().toString());
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render JSON", e);
        }
    }
}
