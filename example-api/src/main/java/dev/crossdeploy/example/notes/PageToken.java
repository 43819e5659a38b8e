package dev.crossdeploy.example.notes;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code nextToken} of the list operation: the key to continue after, as URL-safe
 * Base64 of a small JSON object, so clients pass it back unchanged and never build it.
 */
public final class PageToken {
    private PageToken() {
    }

    public static String encode(String lastId) {
        String json = Json.mapper().createObjectNode().put("after", lastId).toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The id to continue after, or a 400 when the token was not one this API issued. */
    public static Optional<String> decode(Optional<String> token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.get().trim());
            JsonNode node = Json.mapper().readTree(json);
            JsonNode after = node == null ? null : node.get("after");
            if (after != null && after.isTextual() && !after.textValue().isEmpty()) {
                return Optional.of(after.textValue());
            }
        } catch (IllegalArgumentException | IOException e) {
            // reported below: the cause is of no use to the client
        }
        throw ApiException.badRequest("nextToken is not valid: pass the nextToken of the previous page unchanged");
    }
}
