package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Table;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the user reads at the end of a rollout: one row per stage, then one line when it failed. */
final class RolloutSummary {
    private RolloutSummary() {}

    static List<String> table(List<InstanceOutcome> outcomes) {
        Table table = Table.withHeaders("Stage", "Account", "Region", "Status", "Reason");
        outcomes.forEach(o -> table.row(o.stage().name(), o.stage().accountId(), o.stage().region(), o.status(), o.reason()));
        return table.lines();
    }

    /** The one-line failure, when any stage did not succeed. */
    static Optional<CrossdeployException> failure(String stackSetName, String group, List<InstanceOutcome> outcomes) {
        List<InstanceOutcome> failed = outcomes.stream().filter(InstanceOutcome::failed).toList();
        List<InstanceOutcome> notDone = outcomes.stream().filter(o -> !o.succeeded() && !o.failed()).toList();
        if (failed.isEmpty() && notDone.isEmpty()) return Optional.empty();
        StringBuilder line = new StringBuilder("Stack set " + stackSetName + " rollout to group " + group + " failed");
        if (!failed.isEmpty()) {
            line.append(" in ").append(failed.size()).append(" of ").append(outcomes.size()).append(" accounts: ")
                    .append(failed.stream().map(o -> o.stage().name() + " (" + o.stage().accountId() + ", " + o.stage().region()
                            + "): " + withoutFinalStop(o.reason())).collect(Collectors.joining("; ")));
        }
        if (!notDone.isEmpty()) {
            line.append(failed.isEmpty() ? ": " : "; ").append(notDone.size()).append(" not deployed (")
                    .append(notDone.stream().map(o -> o.stage().name()).collect(Collectors.joining(", "))).append(")");
        }
        line.append(". Fix the cause and run deploy-stack-set -Dstage=").append(group).append(" again.");
        return Optional.of(new CrossdeployException(line.toString()));
    }

    /** CloudFormation's reasons end with a full stop; the line goes on after them. */
    private static String withoutFinalStop(String reason) {
        return reason != null && reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }
}
