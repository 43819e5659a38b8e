package dev.crossdeploy.fanout;

import dev.crossdeploy.stage.Stage;

import java.time.Duration;

/**
 * How one stage of a fan-out ended.
 *
 * @param changes the task's count of changes; 0 when it failed
 * @param failure the one-line reason, or null when the stage succeeded
 */
public record StageOutcome(Stage stage, Duration duration, int changes, String failure) {
    public boolean succeeded() { return failure == null; }
}
