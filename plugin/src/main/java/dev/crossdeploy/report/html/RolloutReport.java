package dev.crossdeploy.report.html;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the page of one stack set rollout shows: the stack set, its operations and preferences,
 * the artifact, and each stage's stack instance.
 *
 * @param instances   the stages' instances in group order
 * @param failure     why the rollout failed, as the log's last line said; null when it succeeded
 */
public record RolloutReport(String group, String stackSetName, List<Operation> operations, String preferences,
                            String artifactSha256, String artifactKey, List<InstanceRow> instances, String failure,
                            Duration duration) {
    /** One stack set operation of the rollout. */
    public record Operation(String id, String action, String status) {}

    public RolloutReport {
        operations = List.copyOf(operations);
        instances = List.copyOf(instances);
    }

    public boolean succeeded() { return failure == null; }

    /** The instances as the page lists them: failed first, then the ones that did not finish, then the rest, each in group order. */
    public List<InstanceRow> rows() {
        return instances.stream().sorted(Comparator.comparingInt(InstanceRow::rank)).toList();
    }

    public List<InstanceRow> failed() {
        return instances.stream().filter(InstanceRow::failed).toList();
    }

    /** One bar per instance that ran, in the order they started. */
    public List<Bar> bars() {
        return instances.stream().map(InstanceRow::bar).flatMap(Optional::stream).toList();
    }
}
