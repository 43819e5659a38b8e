package dev.crossdeploy.localcloud.cloudformation.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.Map;

/** Parses a template body, JSON or YAML, into a {@link Template}. */
public final class TemplateParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateParser() {}

    @SuppressWarnings("unchecked")
    public static Template parse(String body) {
        if (body == null || body.isBlank()) {
            throw new TemplateException("Template format error: unsupported structure.");
        }
        Object root;
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{")) {
            try {
                root = JSON.readValue(body, Object.class);
            } catch (JsonProcessingException e) {
                // YAML in flow style also starts with "{"; only when it is not YAML either is it bad JSON.
                try {
                    root = CfnYaml.load(body);
                } catch (YAMLException notYaml) {
                    var loc = e.getLocation();
                    throw new TemplateException("Template format error: JSON not well-formed. (line "
                            + (loc == null ? 0 : loc.getLineNr()) + ",  column " + (loc == null ? 0 : loc.getColumnNr()) + ")");
                }
            }
        } else {
            try {
                root = CfnYaml.load(body);
            } catch (MarkedYAMLException e) {
                var mark = e.getProblemMark();
                throw new TemplateException("Template format error: YAML not well-formed. (line "
                        + (mark == null ? 0 : mark.getLine() + 1) + ", column " + (mark == null ? 0 : mark.getColumn() + 1) + ")");
            } catch (YAMLException e) {
                throw new TemplateException("Template format error: YAML not well-formed.");
            }
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new TemplateException("Template format error: unsupported structure.");
        }
        return new Template(body, (Map<String, Object>) m);
    }
}
