package dev.crossdeploy.scaffold;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of every file a new service needs, from a {@link ScaffoldRequest}: the template,
 * the stages file, the buildspec, Maven's JVM options and, when its source is missing, the
 * handler class. Writes nothing; {@link Scaffolder} does.
 */
public final class ServiceFiles {
    public static final Path TEMPLATE = Path.of("src/main/cloudformation/template.yaml");
    public static final Path STAGES_FILE = Path.of("crossdeploy-stages.yaml");
    public static final Path BUILDSPEC = Path.of("buildspec.yml");
    public static final Path JVM_CONFIG = Path.of(".mvn/jvm.config");
    static final Path SOURCES = Path.of("src/main/java");

    private ServiceFiles() {}

    /** The files for {@code request}, the handler only when {@code writeHandler}. */
    public static List<ScaffoldFile> of(ScaffoldRequest request, boolean writeHandler) {
        List<ScaffoldFile> files = new ArrayList<>();
        files.add(new ScaffoldFile(TEMPLATE, template(request), "the stack: " + resources(request)));
        if (!request.stages().isEmpty()) {
            files.add(new ScaffoldFile(STAGES_FILE, stagesFile(request), "stages " + stageNames(request)));
        }
        files.add(new ScaffoldFile(BUILDSPEC, buildspec(request), "the pipeline's build, deploy and integration-test actions"));
        files.add(new ScaffoldFile(JVM_CONFIG, Resources.text("jvm.config"), "a faster-starting Maven JVM"));
        if (writeHandler) {
            files.add(new ScaffoldFile(SOURCES.resolve(request.handler().sourceFile()), handler(request),
                    "the function's handler " + request.handler().lambdaHandler()));
        }
        return files;
    }

    static String template(ScaffoldRequest r) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("DESCRIPTION", r.artifactId() + ": " + resources(r) + ". Scaffolded by crossdeploy:init.");
        v.put("HANDLER", r.handler().lambdaHandler());
        v.put("TABLE", r.withTable() ? Resources.text("table.yaml.txt") : "");
        v.put("TABLE_WORDS", r.withTable() ? " and use the items of its table" : "");
        v.put("TABLE_POLICY", r.withTable() ? Resources.text("table-policy.yaml.txt") : "");
        v.put("TABLE_ENV", r.withTable() ? "          TABLE_NAME: !Ref Table" : "");
        v.put("API", r.withApi() ? Resources.text("api.yaml.txt") : "");
        v.put("TABLE_OUTPUT", r.withTable() ? "  TableName:\n    Value: !Ref Table" : "");
        v.put("API_OUTPUT", r.withApi() ? "  ApiUrl:\n    Description: Base URL of the API for this stage.\n"
                + "    Value: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}" : "");
        return Resources.fill(Resources.text("template.yaml.txt"), v);
    }

    static String stagesFile(ScaffoldRequest r) {
        StringBuilder s = new StringBuilder();
        s.append("# The accounts this service deploys to, in promotion order; crossdeploy reads this file by\n")
                .append("# default. Deploy roles and artifact buckets default to the names the bootstrap goal creates\n")
                .append("# in each account. A protected stage refuses to replace or delete data and to delete its stack.\n")
                .append("stages:\n");
        for (StageAccount stage : r.stages()) {
            s.append("  - name: ").append(stage.name()).append('\n')
                    .append("    accountId: \"").append(stage.accountId()).append("\"\n")
                    .append("    region: ").append(r.region()).append('\n');
            if (stage.protectedStage()) s.append("    protected: true\n");
        }
        return s.toString();
    }

    static String buildspec(ScaffoldRequest r) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("FIRST_STAGE", r.stages().isEmpty() ? "staging" : r.stages().get(0).name());
        v.put("STAGES_SOURCE", r.stages().isEmpty() ? "the POM's <stages>" : STAGES_FILE + " (" + stageNames(r) + ")");
        v.put("OUTPUT_KEYS", (r.withTable() ? ", TableName" : "") + (r.withApi() ? ", ApiUrl" : ""));
        v.put("STAGES_FILE", STAGES_FILE.toString());
        String text = Resources.fill(Resources.text("buildspec.yml.txt"), v);
        // Stages from the POM travel with pom.xml; there is no stages file to carry.
        return r.stages().isEmpty() ? text.replace("    - '" + STAGES_FILE + "'\n", "") : text;
    }

    static String handler(ScaffoldRequest r) {
        HandlerName h = r.handler();
        String text = Resources.fill(Resources.text("Handler.java.txt"), Map.of(
                "PACKAGE", h.packageName(), "CLASS", h.simpleName(), "METHOD", h.method(), "ARTIFACT", r.artifactId()));
        return h.packageName().isEmpty() ? text.replace("package ;\n\n", "") : text;
    }

    private static String resources(ScaffoldRequest r) {
        return "one Java function, its least-privilege role and log group"
                + (r.withTable() ? ", a DynamoDB table" : "") + (r.withApi() ? ", a REST API" : "");
    }

    private static String stageNames(ScaffoldRequest r) {
        return String.join(", ", r.stages().stream().map(s -> s.name() + (s.protectedStage() ? " (protected)" : "")).toList());
    }
}
