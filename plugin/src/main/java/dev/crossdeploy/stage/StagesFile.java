package dev.crossdeploy.stage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossdeploy.CrossdeployException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the YAML stages file:
 * <pre>
 * stages:
 *   - name: qa
 *     accountId: "333333333333"
 *     region: eu-west-1
 *     parameters: { LogLevel: DEBUG }
 * </pre>
 * Field names are those of {@link StageSpec}, with {@code protected} for protection.
 */
public final class StagesFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StagesFile() {}

    /** The stages in {@code file}, in file order. */
    public static List<StageSpec> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CrossdeployException("Stages file " + file + " does not exist or is not a file;"
                    + " fix crossdeploy.stagesFile or create the file.");
        }
        try {
            Document doc = YAML.readValue(file.toFile(), Document.class);
            if (doc == null || doc.stages == null) {
                throw new CrossdeployException("Stages file " + file + " has no 'stages:' list;"
                        + " start it with 'stages:' followed by '- name: ...' entries.");
            }
            return doc.stages;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CrossdeployException("Cannot read stages file " + file + where + ": "
                    + oneLine(e.getOriginalMessage()) + "; fix the YAML there.", e);
        } catch (IOException e) {
            throw new CrossdeployException("Cannot read stages file " + file + ": " + e.getMessage()
                    + "; check that the build can read it.", e);
        }
    }

    private static String oneLine(String s) {
        String line = s == null ? "invalid YAML" : s.replaceAll("\\s*\\R\\s*", " ").trim();
        // Jackson appends the list of known properties; it is long and the field names are documented.
        int known = line.indexOf(" (");
        return line.startsWith("Unrecognized field") && known > 0 ? line.substring(0, known) : line;
    }

    private record Document(List<StageSpec> stages) {
        @JsonCreator
        Document(@JsonProperty("stages") List<StageSpec> stages) { this.stages = stages; }
    }
}
