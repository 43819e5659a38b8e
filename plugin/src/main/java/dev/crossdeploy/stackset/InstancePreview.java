package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Text;
import dev.crossdeploy.stack.ChangeRow;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an update would do to one existing stack instance: a change set on the instance's own
 * stack, created in the target account with the stage's deploy role and deleted once read.
 * StackSets itself shows no change set, so this is how the replacement guard sees a replacement
 * before the operation starts.
 */
final class InstancePreview {
    private static final List<String> NO_CHANGE_REASONS = List.of(
            "The submitted information didn't contain changes", "No updates are to be performed");

    private final CloudFormationClient cfn;
    private final Timing timing;

    InstancePreview(CloudFormationClient cfn, Timing timing) {
        this.cfn = cfn;
        this.timing = timing;
    }

    /** The changes, empty when there are none; the change set is deleted in every case. */
    List<ChangeRow> changes(Stage stage, String stackId, Template template, Map<String, String> parameters,
                            List<String> capabilities, Instant deadline) {
        String name = "crossdeploy-stackset-preview-" + UUID.randomUUID().toString().substring(0, 8);
        String changeSetId = cfn.createChangeSet(b -> b.stackName(stackId).changeSetName(name)
                .changeSetType(ChangeSetType.UPDATE).templateBody(template.body())
                .parameters(InstanceParameters.toSdk(parameters)).capabilitiesWithStrings(capabilities)
                .roleARN(stage.executionRoleArn())).id();
        try {
            Duration interval = timing.firstPoll();
            while (true) {
                DescribeChangeSetResponse described = cfn.describeChangeSet(b -> b.changeSetName(changeSetId));
                String status = described.statusAsString();
                if ("CREATE_COMPLETE".equals(status)) return rows(described, changeSetId);
                if ("FAILED".equals(status)) {
                    String reason = described.statusReason();
                    if (reason != null && NO_CHANGE_REASONS.stream().anyMatch(reason::contains)) return List.of();
                    throw new CrossdeployException("Stage " + stage.name() + ": CloudFormation could not preview the update of"
                            + " stack instance " + stackId + ": " + Text.oneLine(reason));
                }
                if (!timing.clock().instant().isBefore(deadline)) {
                    throw new CrossdeployException("Stage " + stage.name() + ": timed out previewing the update of stack instance "
                            + stackId + "; raise crossdeploy.timeout or try again.");
                }
                timing.sleeper().sleepOrStop(interval, "interrupted while previewing a stack instance");
                interval = interval.multipliedBy(2).compareTo(timing.maxPoll()) > 0 ? timing.maxPoll() : interval.multipliedBy(2);
            }
        } finally {
            cfn.deleteChangeSet(b -> b.changeSetName(changeSetId));
        }
    }

    private List<ChangeRow> rows(DescribeChangeSetResponse first, String changeSetId) {
        List<ChangeRow> rows = new ArrayList<>();
        DescribeChangeSetResponse page = first;
        while (true) {
            for (Change c : page.changes()) {
                ResourceChange rc = c.resourceChange();
                if (rc != null) {
                    rows.add(new ChangeRow(rc.actionAsString(), rc.logicalResourceId(), rc.resourceType(), rc.replacementAsString()));
                }
            }
            String token = page.nextToken();
            if (token == null) return rows;
            page = cfn.describeChangeSet(b -> b.changeSetName(changeSetId).nextToken(token));
        }
    }
}
