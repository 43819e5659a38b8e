package dev.crossdeploy.localcloud.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.codebuild.Build;
import dev.crossdeploy.localcloud.codebuild.BuildRequest;
import dev.crossdeploy.localcloud.codebuild.CodeBuildModule;
import dev.crossdeploy.localcloud.http.AwsException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A Build or Test action of provider CodeBuild: the input artifact's zip is the build's source,
 * the action's {@code EnvironmentVariables} (JSON) override the project's, the initiator is
 * {@code codepipeline/<pipeline>}; the build's output zip becomes the output artifact. A build
 * that does not succeed fails the action with CodeBuild's summary.
 */
final class CodeBuildAction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudState state;

    CodeBuildAction(CloudState state) { this.state = state; }

    void run(PipelineExecution execution, ActionRun run, PipelineRole role, ArtifactStore store)
            throws ActionFailure, InterruptedException {
        PipelineDefinition p = execution.pipeline();
        PipelineDefinition.Action action = run.action();
        String project = action.configuration().get("ProjectName");
        String projectArn = "arn:aws:codebuild:" + p.region() + ":" + p.accountId() + ":project/" + project;
        Map<String, String> environment = environment(action.configuration().get("EnvironmentVariables"));

        Path source = null;
        List<String> inputs = action.inputArtifacts();
        if (!inputs.isEmpty()) {
            String primary = action.configuration().getOrDefault("PrimarySource", inputs.get(0));
            ArtifactLocation input = execution.artifact(primary).orElseThrow(() ->
                    new ActionFailure("Input artifact " + primary + " was not produced by an earlier action"));
            run.input(input);
            source = store.get(input);
        }
        role.require("startBuild", "codebuild:StartBuild", projectArn, p.accountId());
        String revision = execution.sourceRevisions().isEmpty() ? null : execution.sourceRevisions().get(0).revisionId();
        Build build;
        try {
            build = state.module(CodeBuildModule.class).start(p.accountId(), p.region(), project,
                    BuildRequest.of(source, environment).withInitiator("codepipeline/" + p.name()).withSourceVersion(revision));
        } catch (AwsException e) {
            throw new ActionFailure("Error calling startBuild: " + e.getMessage());
        }
        run.build(build);
        run.external(build.id(), "https://console.aws.amazon.com/codebuild/home?region=" + p.region() + "#/builds/"
                + build.id() + "/view/new", state.clock().instant());
        try {
            build.completion().get();
        } catch (ExecutionException e) {
            throw new ActionFailure("Build terminated with state: FAULT");
        } catch (InterruptedException e) {
            state.module(CodeBuildModule.class).stop(build, "codepipeline/" + p.name());
            throw e;
        }
        if (!build.status().equals("SUCCEEDED")) {
            throw new ActionFailure(build.failureSummary().orElse("Build terminated with state: " + build.status()));
        }
        for (String output : action.outputArtifacts()) {
            Path zip = build.artifact().orElseThrow(() -> new ActionFailure(
                    "No artifacts were produced by the build for output artifact " + output
                            + ": the buildspec has no artifacts section or its files matched nothing"));
            ArtifactLocation out = store.put(output, zip);
            execution.artifact(out);
            run.output(out);
        }
    }

    /** The action's EnvironmentVariables JSON ([{"name","value","type"}]) as name to value; PLAINTEXT only. */
    static Map<String, String> environment(String json) throws ActionFailure {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) return out;
        try {
            JsonNode vars = JSON.readTree(json);
            for (JsonNode v : vars) {
                String type = v.path("type").asText("PLAINTEXT");
                if (!type.equals("PLAINTEXT")) {
                    throw new ActionFailure("Environment variable type " + type + " is not supported by the local cloud; use PLAINTEXT");
                }
                out.put(v.path("name").asText(), v.path("value").asText(""));
            }
        } catch (IOException e) {
            throw new ActionFailure("Invalid EnvironmentVariables: " + e.getMessage());
        }
        return out;
    }
}
