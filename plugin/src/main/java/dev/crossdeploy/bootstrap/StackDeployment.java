package dev.crossdeploy.bootstrap;

import java.util.Map;

/**
 * How a change-set deployment ended: what happened to the stack and its outputs afterwards.
 *
 * @param outcome CREATED, UPDATED, or UNCHANGED when the change set had no changes
 */
public record StackDeployment(String stackName, Outcome outcome, String status, Map<String, String> outputs) {
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public StackDeployment {
        outputs = Map.copyOf(outputs);
    }
}
