package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.account.SessionNames;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stack.ChangeRow;
import dev.crossdeploy.stack.ReplacementGuard;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replacement guard of a stack set update: a stack set has no change set of its own, so each
 * protected stage's instance is previewed with a change set on its stack, as that account's deploy
 * role ({@link InstancePreview}), and judged by the rule deploy-stack applies ({@link ReplacementGuard}).
 */
final class InstanceReplacementGuard {
    private final AwsSettings settings;
    private final Reporter reporter;
    private final Timing timing;

    InstanceReplacementGuard(AwsSettings settings, Reporter reporter, Timing timing) {
        this.settings = settings;
        this.reporter = reporter;
        this.timing = timing;
    }

    /**
     * Refuses, before any write, an update that would replace or remove a data-holding resource of a
     * protected stage's existing instance, unless {@code allowReplace} names it.
     *
     * @param instances the stack set's instances now, by {@link StackSetRollout#key(Stage)}
     */
    void check(List<Stage> present, Map<String, StackInstanceSummary> instances, Template template,
               InstanceParameters parameters, List<String> capabilities, Set<String> allowReplace, Instant deadline) {
        List<String> refusals = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(allowReplace);
        for (Stage stage : present) {
            if (!stage.protectedStage()) continue;
            String stackId = instances.get(StackSetRollout.key(stage)).stackId();
            if (stackId == null) continue;
            List<ChangeRow> rows;
            try (AccountSession session = AccountSession.open(stage, settings, SessionNames.forStage(stage.name()), reporter)) {
                rows = new InstancePreview(session.cloudFormation(), timing).changes(stage, stackId, template,
                        parameters.effective(stage.name()), capabilities, deadline);
            }
            List<ChangeRow> refused = ReplacementGuard.refused(stage, rows, allowReplace);
            if (!refused.isEmpty()) {
                String why = ReplacementGuard.refusal(stage, refused).getMessage();
                reporter.error("[" + stage.name() + "] " + why);
                refusals.add(stage.name());
                refused.forEach(c -> ids.add(c.logicalId()));
            } else {
                List<String> allowed = ReplacementGuard.refused(stage, rows, Set.of()).stream().map(ChangeRow::logicalId).toList();
                if (allowed.isEmpty()) {
                    reporter.info("[" + stage.name() + "] Replacement guard: the update replaces no data-holding resource");
                } else {
                    reporter.warn("[" + stage.name() + "] Replacement guard: the update replaces or removes " + String.join(", ", allowed)
                            + ", allowed by crossdeploy.allowReplace");
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new CrossdeployException("Refused: the update would replace or remove data-holding resources in protected stage"
                    + (refusals.size() == 1 ? " " : "s ") + String.join(", ", refusals) + " (see the lines above); nothing was"
                    + " uploaded or changed. To allow it, run again with -Dcrossdeploy.allowReplace=" + String.join(",", ids) + ".");
        }
    }
}
