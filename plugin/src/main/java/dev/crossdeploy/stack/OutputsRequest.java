package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;

import java.nio.file.Path;
import java.util.Objects;

/** One {@code outputs} run: read a deployed stack's outputs into {@code <outputDir>/<stage>-outputs.json}. */
public record OutputsRequest(Stage stage, String stackName, Path outputDir) {
    public OutputsRequest {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(outputDir, "outputDir");
    }
}
