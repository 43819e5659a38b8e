package dev.crossdeploy.stackset;

import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.html.StackSetReport;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.stage.StackSetConfig;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.PermissionModels;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationPreferences;
import software.amazon.awssdk.services.cloudformation.model.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The writes of one rollout to one stack set, each operation followed until it ends with the
 * group's operation preferences: create the set, update it, update and create instances.
 */
final class StackSetOperations {
    private final CloudFormationClient cfn;
    private final String name;
    private final String adminRoleArn;
    private final StackSetConfig config;
    private final Instant deadline;
    private final Reporter reporter;
    private final Timing timing;
    private final StackSetReport report;

    StackSetOperations(CloudFormationClient cfn, String name, String adminAccount, StackSetConfig config, Instant deadline,
                       Reporter reporter, Timing timing, StackSetReport report) {
        this.report = report;
        this.reporter = reporter;
        this.timing = timing;
        this.cfn = cfn;
        this.name = name;
        this.adminRoleArn = "arn:aws:iam::" + adminAccount + ":role/" + StackSetConfig.ADMINISTRATION_ROLE;
        this.config = config;
        this.deadline = deadline;
    }

    void create(Template template, InstanceParameters parameters, Set<String> capabilities, List<Tag> tags, String group) {
        cfn.createStackSet(b -> b.stackSetName(name).templateBody(template.body()).parameters(parameters.stackSet())
                .capabilitiesWithStrings(capabilities).tags(tags).permissionModel(PermissionModels.SELF_MANAGED)
                .administrationRoleARN(adminRoleArn).executionRoleName(config.executionRole())
                .description("crossdeploy: " + template.path().getFileName() + " for stage group " + group));
        reporter.info("Created stack set " + name + " (SELF_MANAGED: " + StackSetConfig.ADMINISTRATION_ROLE + " assumes "
                + config.executionRole() + " in each account)");
    }

    List<InstanceOutcome> updateStackSet(Template template, InstanceParameters parameters, Set<String> capabilities,
                                         List<Tag> tags, List<Stage> present) {
        String operationId = UUID.randomUUID().toString();
        List<String> regions = present.stream().map(Stage::region).distinct().toList();
        Instant started = timing.clock().instant();
        cfn.updateStackSet(b -> b.stackSetName(name).templateBody(template.body()).parameters(parameters.stackSet())
                .capabilitiesWithStrings(capabilities).tags(tags).administrationRoleARN(adminRoleArn)
                .executionRoleName(config.executionRole()).operationPreferences(preferences(regions)).operationId(operationId));
        return follow("UpdateStackSet", operationId, present, started);
    }

    List<InstanceOutcome> updateInstances(List<Stage> changed, InstanceParameters parameters) {
        List<InstanceOutcome> outcomes = new ArrayList<>();
        for (InstanceBatch batch : InstanceBatch.of(changed, s -> parameters.overrides(s.name()))) {
            String operationId = UUID.randomUUID().toString();
            Instant started = timing.clock().instant();
            cfn.updateStackInstances(b -> b.stackSetName(name).accounts(batch.accounts()).regions(batch.regions())
                    .parameterOverrides(InstanceParameters.toSdk(batch.overrides()))
                    .operationPreferences(preferences(batch.regions())).operationId(operationId));
            outcomes.addAll(follow("UpdateStackInstances (new overrides)", operationId, batch.stages(), started));
        }
        return outcomes;
    }

    /**
     * One CreateStackInstances per batch, one after the other (a stack set runs one operation at
     * a time); once more accounts of a region failed than the failure tolerance allows, the
     * region's remaining batches are not started, as CloudFormation stops within one operation.
     */
    List<InstanceOutcome> createInstances(List<Stage> missing, InstanceParameters parameters) {
        List<InstanceOutcome> outcomes = new ArrayList<>();
        Map<String, Integer> failedInRegion = new HashMap<>();
        int tolerance = config.failureTolerance() == null ? 0 : config.failureTolerance();
        for (InstanceBatch batch : InstanceBatch.of(missing, s -> parameters.overrides(s.name()))) {
            var stopped = batch.regions().stream().filter(r -> failedInRegion.getOrDefault(r, 0) > tolerance).findFirst();
            if (stopped.isPresent()) {
                batch.stages().forEach(s -> outcomes.add(new InstanceOutcome(s, InstanceOutcome.NOT_STARTED,
                        "not started: " + failedInRegion.get(stopped.get()) + " accounts failed in " + stopped.get()
                                + ", more than the failure tolerance of " + tolerance)));
                continue;
            }
            String operationId = UUID.randomUUID().toString();
            Instant started = timing.clock().instant();
            cfn.createStackInstances(b -> b.stackSetName(name).accounts(batch.accounts()).regions(batch.regions())
                    .parameterOverrides(InstanceParameters.toSdk(batch.overrides()))
                    .operationPreferences(preferences(batch.regions())).operationId(operationId));
            List<InstanceOutcome> done = follow("CreateStackInstances", operationId, batch.stages(), started);
            done.stream().filter(o -> !o.succeeded()).forEach(o -> failedInRegion.merge(o.stage().region(), 1, Integer::sum));
            outcomes.addAll(done);
        }
        return outcomes;
    }

    /** @param started when the call starting the operation was made */
    private List<InstanceOutcome> follow(String action, String operationId, List<Stage> stages, Instant started) {
        reporter.info("Stack set " + name + ": " + action + " operation " + operationId + " on " + stages.size()
                + " instance" + (stages.size() == 1 ? "" : "s") + " (" + describePreferences() + ")");
        Map<String, Stage> byKey = new LinkedHashMap<>();
        stages.forEach(s -> byKey.put(StackSetRollout.key(s), s));
        report.operationStarted(operationId, action, List.copyOf(byKey.keySet()), started);
        OperationWatcher.Ended ended = new OperationWatcher(cfn, reporter, timing, report).watch(name, operationId, byKey, deadline);
        reporter.info("Stack set " + name + ": operation " + operationId + " " + ended.status());
        return ended.outcomes();
    }

    private StackSetOperationPreferences preferences(List<String> regions) {
        var b = StackSetOperationPreferences.builder();
        if (config.maxConcurrent() != null) b.maxConcurrentCount(config.maxConcurrent());
        if (config.failureTolerance() != null) b.failureToleranceCount(config.failureTolerance());
        if (config.regionConcurrency() != null) b.regionConcurrencyType(config.regionConcurrency());
        if (config.concurrencyMode() != null) b.concurrencyMode(config.concurrencyMode());
        List<String> order = config.regionOrder().stream().filter(regions::contains).toList();
        if (!order.isEmpty()) b.regionOrder(order);
        return b.build();
    }

    /** The operation preferences in CloudFormation's words, for the deployment report. */
    static String preferencesForReport(StackSetConfig config) {
        return "MaxConcurrentCount " + (config.maxConcurrent() == null ? "1 (default)" : config.maxConcurrent())
                + ", FailureToleranceCount " + (config.failureTolerance() == null ? "0 (default)" : config.failureTolerance())
                + ", ConcurrencyMode " + (config.concurrencyMode() == null ? "STRICT_FAILURE_TOLERANCE (default)" : config.concurrencyMode())
                + ", RegionConcurrencyType " + (config.regionConcurrency() == null ? "SEQUENTIAL (default)" : config.regionConcurrency())
                + (config.regionOrder().isEmpty() ? "" : ", RegionOrder " + String.join(", ", config.regionOrder()));
    }

    private String describePreferences() {
        return "at most " + (config.maxConcurrent() == null ? 1 : config.maxConcurrent()) + " accounts at once, failure tolerance "
                + (config.failureTolerance() == null ? 0 : config.failureTolerance())
                + (config.concurrencyMode() == null ? "" : ", " + config.concurrencyMode());
    }
}
