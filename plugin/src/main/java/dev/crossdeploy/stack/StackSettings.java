package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the stack goals' user-facing settings — as typed on a command line — into engine
 * values, with one-line errors. Kept here so the Mojos stay thin.
 */
public final class StackSettings {
    /** CloudFormation's stack name rule: a letter, then letters, digits and hyphens, at most 128. */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][-A-Za-z0-9]{0,127}");
    public static final String DEFAULT_TEMPLATE_YAML = "src/main/cloudformation/template.yaml";
    public static final String DEFAULT_TEMPLATE_JSON = "src/main/cloudformation/template.json";

    private StackSettings() {}

    /** {@code explicit} when set, else {@code <artifactId>-<stage>}; checked against CloudFormation's naming rule. */
    public static String stackName(String explicit, String artifactId, String stage) {
        String name = explicit == null || explicit.isBlank() ? artifactId + "-" + stage : explicit.trim();
        if (!STACK_NAME.matcher(name).matches()) {
            throw new CrossdeployException("Stack name '" + name + "' is not valid for CloudFormation: start with a letter and use only"
                    + " letters, digits and hyphens (at most 128); set crossdeploy.stackName");
        }
        return name;
    }

    /** Longer than any stack operation CloudFormation lets run; a bigger value is a typo (PT30H for PT30M). */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    /** An ISO-8601 duration such as PT30M, at most {@link #MAX_TIMEOUT}. */
    public static Duration timeout(String text) {
        if (text == null || text.isBlank()) return DeployRequest.DEFAULT_TIMEOUT;
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) throw new DateTimeParseException("out of bounds", text, 0);
            return d;
        } catch (DateTimeParseException e) {
            throw new CrossdeployException("crossdeploy.timeout '" + text + "' is not an ISO-8601 duration from PT1S to PT24H, such as PT30M or PT1H");
        }
    }

    /** Logical ids from a comma list ({@code Table, Bucket}). */
    public static Set<String> allowReplace(String commaList) {
        if (commaList == null || commaList.isBlank()) return Set.of();
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        return Set.copyOf(ids);
    }

    /**
     * The template to deploy: {@code explicit} when set (relative to the project), else the
     * packaged one, else {@code src/main/cloudformation/template.yaml} or {@code .json}.
     * A missing file is reported when the engine loads it, naming the path.
     */
    public static Path template(Path projectDir, Path explicit, Path packaged) {
        if (explicit != null) return explicit.isAbsolute() ? explicit : projectDir.resolve(explicit);
        if (packaged != null) return packaged;
        Path yaml = projectDir.resolve(DEFAULT_TEMPLATE_YAML);
        Path json = projectDir.resolve(DEFAULT_TEMPLATE_JSON);
        return !Files.exists(yaml) && Files.exists(json) ? json : yaml;
    }
}
