package dev.crossdeploy.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a deployment ended.
 *
 * @param stackId     the stack's ARN (null after a dry run that left no stack)
 * @param status      the stack's final status, or the change set's state after a dry run
 * @param changed     whether a change set was executed
 * @param changes     the change set's rows (empty when nothing changed)
 * @param outputs     the stack's outputs (empty after a dry run)
 * @param outputsFile the written outputs file, or null after a dry run
 */
public record DeployResult(String stackId, String status, boolean changed, List<ChangeRow> changes,
                           Map<String, String> outputs, Path outputsFile) {
    public DeployResult {
        changes = List.copyOf(changes);
        outputs = Map.copyOf(outputs);
    }
}
