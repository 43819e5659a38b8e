package dev.crossdeploy.localcloud.codebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A buildspec (version 0.2) as CodeBuild reads it: env variables, exported variables and shell, the four phases with
 * their runtime versions, commands, {@code finally} commands and {@code on-failure}, the
 * artifacts and the test reports.
 */
record Buildspec(String version, String shell, Map<String, String> variables, List<String> exportedVariables,
                 Map<String, PhaseSpec> phases,
                 FileSet artifacts, Map<String, FileSet> reports) {

    /** The phases a buildspec may declare, in the order they run. */
    static final List<String> PHASES = List.of("install", "pre_build", "build", "post_build");

    record PhaseSpec(Map<String, String> runtimeVersions, List<String> commands, List<String> finallyCommands,
                     String onFailure) {}

    /** Files chosen by globs under a base directory (artifacts, or one report). */
    record FileSet(List<String> files, String baseDirectory, boolean discardPaths, String fileFormat) {}

    /** A buildspec CodeBuild refuses; its message becomes the YAML_FILE_ERROR phase context. */
    static final class InvalidBuildspecException extends Exception {
        InvalidBuildspecException(String message) { super(message, null, false, false); }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    static Buildspec parse(String text) throws InvalidBuildspecException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new InvalidBuildspecException("Expected buildspec to be valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw new InvalidBuildspecException("Expected buildspec to be a YAML mapping");
        String version = root.path("version").asText("");
        if (version.isEmpty()) throw new InvalidBuildspecException("missing required field 'version'");
        if (!version.equals("0.2") && !version.equals("0.1")) {
            throw new InvalidBuildspecException("invalid buildspec version: " + version);
        }
        JsonNode env = root.path("env");
        String shell = env.path("shell").asText("bash");
        if (!List.of("bash", "sh", "/bin/sh").contains(shell)) {
            throw new InvalidBuildspecException("Unsupported shell '" + shell + "': Linux builds support bash and /bin/sh");
        }
        for (String unsupported : List.of("parameter-store", "secrets-manager")) {
            if (env.has(unsupported)) {
                throw new InvalidBuildspecException("env/" + unsupported + " is not supported by the local cloud's CodeBuild;"
                        + " use env/variables or the project's environment variables");
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = env.path("variables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            variables.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        Map<String, PhaseSpec> phases = new LinkedHashMap<>();
        for (Iterator<String> names = root.path("phases").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PHASES.contains(name)) throw new InvalidBuildspecException("unknown phase '" + name + "'");
        }
        for (String name : PHASES) {
            JsonNode phase = root.path("phases").path(name);
            if (phase.isMissingNode() || phase.isNull()) continue;
            Map<String, String> runtimes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = phase.path("runtime-versions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                runtimes.put(e.getKey(), e.getValue().asText());
            }
            if (!runtimes.isEmpty() && !name.equals("install")) {
                throw new InvalidBuildspecException("runtime-versions may only be declared in the install phase");
            }
            String onFailure = phase.path("on-failure").asText(null);
            if (onFailure != null && !onFailure.equals("ABORT") && !onFailure.equals("CONTINUE")) {
                throw new InvalidBuildspecException("invalid value for on-failure in phase " + name + ": '" + onFailure
                        + "'; expected ABORT or CONTINUE");
            }
            phases.put(name, new PhaseSpec(runtimes, commands(phase.path("commands"), name),
                    commands(phase.path("finally"), name), onFailure));
        }
        FileSet artifacts = root.has("artifacts") ? fileSet(root.path("artifacts"), "artifacts") : null;
        Map<String, FileSet> reports = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("reports").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            reports.put(e.getKey(), fileSet(e.getValue(), "reports." + e.getKey()));
        }
        return new Buildspec(version, shell, variables, strings(env.path("exported-variables")), phases, artifacts, reports);
    }

    private static FileSet fileSet(JsonNode node, String where) throws InvalidBuildspecException {
        List<String> files = strings(node.path("files"));
        if (files.isEmpty()) throw new InvalidBuildspecException("'" + where + "' must name files");
        String base = node.path("base-directory").asText(null);
        JsonNode discard = node.path("discard-paths");
        boolean discardPaths = discard.isBoolean() ? discard.asBoolean()
                : List.of("yes", "true", "on").contains(discard.asText("no").toLowerCase());
        return new FileSet(files, base, discardPaths, node.path("file-format").asText("JUNITXML"));
    }

    /** A phase's commands: each must be a string (an unquoted "a: b" in YAML is a mapping, which CodeBuild refuses). */
    private static List<String> commands(JsonNode node, String phase) throws InvalidBuildspecException {
        if (!node.isMissingNode() && !node.isNull() && !node.isArray()) {
            throw new InvalidBuildspecException("invalid commands in phase " + phase + ": expected a list of strings");
        }
        for (JsonNode c : node) {
            if (!c.isValueNode() || c.isNull()) {
                throw new InvalidBuildspecException("invalid command in phase " + phase + ": expected a string, found "
                        + (c.isObject() ? "a mapping (quote a command that holds ': ')" : c.getNodeType().toString().toLowerCase()));
            }
        }
        return strings(node);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> out.add(n.asText()));
        else if (node.isValueNode() && !node.isNull()) out.add(node.asText());
        return out;
    }
}
