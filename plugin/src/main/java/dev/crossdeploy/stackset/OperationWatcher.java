package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import dev.crossdeploy.report.html.StackSetReport;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows one stack set operation until it ends: polls DescribeStackSetOperation and
 * ListStackSetOperationResults at a growing, bounded interval and prints each account's status
 * once when it changes, prefixed with the stage it belongs to.
 */
final class OperationWatcher {
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "STOPPED");

    private final CloudFormationClient cfn;
    private final Reporter reporter;
    private final Timing timing;
    private final StackSetReport report;

    /** @param report receives what each poll saw, for the deployment report */
    OperationWatcher(CloudFormationClient cfn, Reporter reporter, Timing timing, StackSetReport report) {
        this.cfn = cfn;
        this.reporter = reporter;
        this.timing = timing;
        this.report = report;
    }

    /** How the operation ended and each of its stages' outcome. */
    record Ended(String status, String statusReason, List<InstanceOutcome> outcomes) {}

    /**
     * @param stages the operation's stages by {@code account/region}
     * @throws CrossdeployException when {@code deadline} passes first (the operation keeps running in CloudFormation)
     */
    Ended watch(String stackSetName, String operationId, Map<String, Stage> stages, Instant deadline) {
        Map<String, String> shown = new HashMap<>();
        Duration interval = timing.firstPoll();
        while (true) {
            StackSetOperation operation = cfn.describeStackSetOperation(b -> b.stackSetName(stackSetName)
                    .operationId(operationId)).stackSetOperation();
            // Read the results after the status, so an ended operation's last results are all seen.
            Map<String, StackSetOperationResultSummary> results = results(stackSetName, operationId);
            Instant polled = timing.clock().instant();
            results.values().forEach(r -> report.instanceStatus(operationId, r.account(), r.region(), r.statusAsString(),
                    r.statusReason(), polled));
            results.forEach((key, r) -> {
                Stage stage = stages.get(key);
                String status = r.statusAsString();
                // Every account starts PENDING: only what moves is worth a line.
                if (stage == null || status.equals(shown.get(key)) || "PENDING".equals(status)) return;
                shown.put(key, status);
                String line = "[" + stage.name() + "] " + r.account() + " " + r.region() + ": " + status
                        + (r.statusReason() == null || r.statusReason().isBlank() ? "" : " - " + Text.oneLine(r.statusReason()));
                if ("FAILED".equals(status)) reporter.error(line); else reporter.info(line);
            });
            String status = operation.statusAsString();
            if (ENDED.contains(status)) {
                report.operationEnded(operationId, status, polled);
                return new Ended(status, operation.statusReason(), outcomes(stages, results, status));
            }
            if (!timing.clock().instant().isBefore(deadline)) {
                throw new CrossdeployException("Timed out waiting for stack set " + stackSetName + " operation " + operationId
                        + " (" + status + "); it keeps running in CloudFormation. Raise crossdeploy.timeout, or follow it"
                        + " with aws cloudformation describe-stack-set-operation.");
            }
            timing.sleeper().sleepOrStop(interval, "interrupted while waiting for the stack set operation");
            Duration grown = interval.plus(interval.dividedBy(2));
            interval = grown.compareTo(timing.maxPoll()) > 0 ? timing.maxPoll() : grown;
        }
    }

    private Map<String, StackSetOperationResultSummary> results(String stackSetName, String operationId) {
        Map<String, StackSetOperationResultSummary> byKey = new java.util.LinkedHashMap<>();
        cfn.listStackSetOperationResultsPaginator(b -> b.stackSetName(stackSetName).operationId(operationId))
                .summaries().forEach(r -> byKey.put(key(r.account(), r.region()), r));
        return byKey;
    }

    private static List<InstanceOutcome> outcomes(Map<String, Stage> stages, Map<String, StackSetOperationResultSummary> results,
                                                  String operationStatus) {
        List<InstanceOutcome> outcomes = new ArrayList<>();
        stages.forEach((key, stage) -> {
            StackSetOperationResultSummary r = results.get(key);
            if (r == null) {
                outcomes.add(new InstanceOutcome(stage, InstanceOutcome.CANCELLED,
                        "the operation " + operationStatus.toLowerCase(java.util.Locale.ROOT) + " before reaching it"));
            } else {
                String status = r.statusAsString();
                // An operation that ended leaves no instance pending: what did not run was cancelled.
                if ("PENDING".equals(status) || "RUNNING".equals(status)) status = InstanceOutcome.CANCELLED;
                outcomes.add(new InstanceOutcome(stage, status, r.statusReason()));
            }
        });
        return outcomes;
    }

    static String key(String account, String region) { return account + "/" + region; }
}
