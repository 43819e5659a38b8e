package dev.crossdeploy.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine-readable outputs of a deployed stack: {@code <dir>/<stage>-outputs.json}, a flat
 * JSON object of output key to value, for integration tests and later pipeline steps.
 */
public final class OutputsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutputsFile() {}

    public static Path pathFor(Path dir, String stage) {
        return dir.resolve(stage + "-outputs.json");
    }

    public static Path write(Path dir, String stage, Map<String, String> outputs) {
        Path file = pathFor(dir, stage);
        ObjectNode node = JSON.createObjectNode();
        outputs.forEach(node::put);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, stage, ".tmp");
            JSON.writeValue(tmp.toFile(), node);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** Reads a file written by {@link #write}. */
    public static Map<String, String> read(Path file) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> map = JSON.readValue(file.toFile(), java.util.LinkedHashMap.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
