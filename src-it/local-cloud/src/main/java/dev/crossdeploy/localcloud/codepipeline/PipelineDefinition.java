package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline as CloudFormation recorded it ({@code AWS::CodePipeline::Pipeline}), read once per
 * execution so an update does not change a running one: its role, artifact store, execution mode
 * and stages with their actions.
 */
record PipelineDefinition(String accountId, String region, String name, int version, String roleArn,
                          String artifactBucket, Map<String, Object> artifactStore, String executionMode,
                          String pipelineType, List<Stage> stages, Instant created) {
    static final String RESOURCE_TYPE = "AWS::CodePipeline::Pipeline";

    /** One stage: its actions in the template's order. */
    record Stage(String name, List<Action> actions) {}

    /** One action: its type, configuration (as strings, as the API shows it), artifacts and run order. */
    record Action(String name, String category, String owner, String provider, String typeVersion,
                  Map<String, String> configuration, List<String> inputArtifacts, List<String> outputArtifacts,
                  int runOrder, String roleArn, String namespace) {}

    String arn() { return "arn:aws:codepipeline:" + region + ":" + accountId + ":" + name; }

    static PipelineDefinition of(ResourceRecords.Entry e, Instant created) {
        Map<String, Object> p = e.properties();
        Map<String, Object> store = map(p.get("ArtifactStore"));
        List<Stage> stages = new ArrayList<>();
        for (Object s : list(p.get("Stages"))) {
            Map<String, Object> stage = map(s);
            List<Action> actions = new ArrayList<>();
            for (Object a : list(stage.get("Actions"))) {
                Map<String, Object> action = map(a);
                Map<String, Object> type = map(action.get("ActionTypeId"));
                Map<String, String> config = new LinkedHashMap<>();
                map(action.get("Configuration")).forEach((k, v) -> config.put(k, String.valueOf(v)));
                Object runOrder = action.get("RunOrder");
                actions.add(new Action(String.valueOf(action.get("Name")), text(type.get("Category")), text(type.get("Owner")),
                        text(type.get("Provider")), text(type.get("Version")), config, names(action.get("InputArtifacts")),
                        names(action.get("OutputArtifacts")), runOrder == null ? 1 : Integer.parseInt(runOrder.toString()),
                        text(action.get("RoleArn")), text(action.get("Namespace"))));
            }
            stages.add(new Stage(String.valueOf(stage.get("Name")), List.copyOf(actions)));
        }
        Object version = e.internal().getOrDefault("version", 1);
        String mode = p.get("ExecutionMode") == null ? "SUPERSEDED" : p.get("ExecutionMode").toString();
        String type = p.get("PipelineType") == null ? "V1" : p.get("PipelineType").toString();
        return new PipelineDefinition(e.accountId(), e.region(), e.physicalId(), Integer.parseInt(version.toString()),
                text(p.get("RoleArn")), text(store.get("Location")), store, mode, type, List.copyOf(stages), created);
    }

    private static List<String> names(Object artifacts) {
        List<String> out = new ArrayList<>();
        for (Object a : list(artifacts)) out.add(String.valueOf(map(a).get("Name")));
        return List.copyOf(out);
    }

    private static String text(Object o) { return o == null ? null : o.toString(); }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) { return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(); }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
