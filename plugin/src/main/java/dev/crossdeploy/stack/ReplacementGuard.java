package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stage.Stage;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a protected stage's data: refuses a change set that replaces or removes a resource
 * holding data unless the user named its logical id in {@code crossdeploy.allowReplace}.
 * Public so the stack-set rollout applies the same rule to each instance's preview.
 */
public final class ReplacementGuard {
    /** Types whose replacement or removal loses data. */
    static final Set<String> DATA_TYPES = Set.of(
            "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::Logs::LogGroup");

    private ReplacementGuard() {}

    /** The changes the guard refuses; empty when the change set may run. */
    public static List<ChangeRow> refused(Stage stage, List<ChangeRow> changes, Set<String> allowReplace) {
        if (!stage.protectedStage()) return List.of();
        return changes.stream()
                .filter(ChangeRow::destroysCurrent)
                .filter(c -> DATA_TYPES.contains(c.type()))
                .filter(c -> !allowReplace.contains(c.logicalId()))
                .toList();
    }

    /** Logical ids in allowReplace that the change set neither replaces nor removes: likely typos. */
    static List<String> unused(List<ChangeRow> changes, Set<String> allowReplace) {
        Set<String> destroyed = changes.stream().filter(ChangeRow::destroysCurrent).map(ChangeRow::logicalId)
                .collect(Collectors.toSet());
        return allowReplace.stream().filter(id -> !destroyed.contains(id)).sorted().toList();
    }

    public static CrossdeployException refusal(Stage stage, List<ChangeRow> refused) {
        String what = refused.stream()
                .map(c -> ("Remove".equals(c.action()) ? "remove " : "Conditional".equals(c.replacement()) ? "possibly replace " : "replace ")
                        + c.logicalId() + " (" + c.type() + ")")
                .collect(Collectors.joining(", "));
        String ids = refused.stream().map(ChangeRow::logicalId).collect(Collectors.joining(","));
        return new CrossdeployException("Refused: in protected stage " + stage.name() + " the change set would " + what
                + ", losing its data; the change set was deleted. To allow it, run again with -Dcrossdeploy.allowReplace=" + ids);
    }
}
