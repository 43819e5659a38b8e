package dev.crossdeploy.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The scaffold's text resources (named {@code .txt}: with their {@code @NAME@} placeholders they are no templates yet), filled in. */
final class Resources {
    private Resources() {}

    static String text(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("Missing scaffold resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fills {@code @KEY@} placeholders. A placeholder alone on its line is replaced with its
     * line, so an empty value leaves no blank line behind and a fragment keeps its own indentation.
     */
    static String fill(String text, Map<String, String> values) {
        String out = text;
        for (var e : values.entrySet()) {
            String token = "@" + e.getKey() + "@";
            out = out.replace(token + "\n", e.getValue().isEmpty() || e.getValue().endsWith("\n") ? e.getValue() : e.getValue() + "\n");
            out = out.replace(token, e.getValue());
        }
        if (out.matches("(?s).*@[A-Z_]+@.*")) throw new IllegalStateException("Unfilled placeholder in scaffold text");
        return out;
    }
}
