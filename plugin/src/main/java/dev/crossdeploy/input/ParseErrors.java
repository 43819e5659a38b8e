package dev.crossdeploy.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Says where a YAML or JSON file fails to parse, as the user's editor counts lines and columns. */
public final class ParseErrors {
    private ParseErrors() {}

    /** " at line L, column C: problem", pointing where the user has to look. */
    public static String describe(JsonProcessingException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                Mark mark = yaml.getProblemMark();
                String context = yaml.getContext() == null ? "" : yaml.getContext() + ", ";
                return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                        + oneLine(context + yaml.getProblem());
            }
        }
        JsonLocation at = e.getLocation();
        if (e instanceof JsonMappingException && e.getProcessor() instanceof JsonParser parser) {
            // The parser has read past the offending token; its start is where the user looks.
            at = parser.currentTokenLocation();
        }
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return where + ": " + oneLine(e.getOriginalMessage());
    }

    private static String oneLine(String s) {
        String line = s == null ? "invalid YAML" : s.replaceAll("\\s*\\R\\s*", " ").trim();
        // Jackson appends the list of known properties; it is long and the field names are documented.
        int known = line.indexOf(" (");
        return line.startsWith("Unrecognized field") && known > 0 ? line.substring(0, known) : line;
    }
}
