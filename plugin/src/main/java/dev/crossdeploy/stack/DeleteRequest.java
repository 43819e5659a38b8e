package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;

import java.time.Duration;
import java.util.Objects;

/** One {@code delete-stack} run: which stack in which stage, and how long to wait. */
public record DeleteRequest(Stage stage, String stackName, Duration timeout) {
    public DeleteRequest {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(stackName, "stackName");
        timeout = timeout == null ? DeployRequest.DEFAULT_TIMEOUT : timeout;
    }
}
