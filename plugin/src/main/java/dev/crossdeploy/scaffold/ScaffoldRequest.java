package dev.crossdeploy.scaffold;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code crossdeploy:init} scaffolds, fixed before anything is written.
 *
 * @param projectDir     the project's directory (holds pom.xml)
 * @param artifactId     names the stacks ({@code <artifactId>-<stage>}) and the function
 * @param handler        the function's handler; its class is written only when its source is missing
 * @param withTable      a DynamoDB table whose items (and only they) the function may use
 * @param withApi        a REST API (proxy integration) in front of the function
 * @param stages         the stages file's stages in promotion order; empty when the POM declares {@code <stages>}
 * @param region         the stages' region
 * @param existing       what to do with files that exist already
 * @param pluginDeclared whether the POM declares the plugin (else init says how to add it)
 * @param pluginVersion  the plugin's version, for the POM snippet
 */
public record ScaffoldRequest(Path projectDir, String artifactId, HandlerName handler, boolean withTable,
                              boolean withApi, List<StageAccount> stages, String region, ExistingFiles existing,
                              boolean pluginDeclared, String pluginVersion) {
    public ScaffoldRequest {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(handler, "handler");
        stages = stages == null ? List.of() : List.copyOf(stages);
        existing = existing == null ? ExistingFiles.REFUSE : existing;
    }

    /** The stage the next commands deploy to first. */
    String firstStage() {
        return stages.isEmpty() ? "<stage>" : stages.get(0).name();
    }
}
