package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.ListChangeSetsResponse;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a change set, waits until CloudFormation has computed it, reads and deletes it, and
 * cleans up the change sets earlier runs left behind. A change set that another deployment made
 * vanish surfaces as {@link Overtaken}.
 */
final class ChangeSets {
    /** Every change set crossdeploy creates is named so; leftovers of killed runs are found by it. */
    static final String PREFIX = "crossdeploy-";
    /** CloudFormation's reasons for a change set that changes nothing (CreateChangeSet and UpdateStack wordings). */
    private static final List<String> NO_CHANGE_REASONS = List.of(
            "The submitted information didn't contain changes", "No updates are to be performed");

    private final CloudFormationClient cfn;
    private final Timing timing;
    private final Reporter reporter;

    ChangeSets(CloudFormationClient cfn, Timing timing, Reporter reporter) {
        this.cfn = cfn;
        this.timing = timing;
        this.reporter = reporter;
    }

    /** The computed change set: its ARN, the stack's ARN and its rows, or that it changes nothing. */
    record Computed(String changeSetId, String stackId, boolean noChanges, List<ChangeRow> rows) {}

    CreateChangeSetResponse create(CreateChangeSetRequest request) {
        return Errors.refusalExplained("CloudFormation refused the change set for stack " + request.stackName(),
                () -> Overtaken.guard(() -> cfn.createChangeSet(request)));
    }

    /**
     * Waits until the change set is computed.
     *
     * @throws CrossdeployException when CloudFormation could not compute it (other than "no changes") or the deadline passes
     */
    Computed await(String changeSetId, String stackId, String stackName, Instant deadline) {
        Duration interval = timing.firstPoll();
        Instant started = timing.clock().instant();
        Instant lastLine = started;
        String status = "CREATE_PENDING";
        while (true) {
            DescribeChangeSetResponse first = Overtaken.guard(() -> cfn.describeChangeSet(b -> b.changeSetName(changeSetId)));
            status = first.statusAsString();
            if ("CREATE_COMPLETE".equals(status)) {
                return new Computed(changeSetId, stackId, false, rows(first));
            }
            if ("FAILED".equals(status)) {
                String reason = first.statusReason();
                if (isNoChanges(reason)) return new Computed(changeSetId, stackId, true, List.of());
                delete(changeSetId);
                throw new CrossdeployException("CloudFormation could not create the change set for stack " + stackName
                        + ": " + Text.oneLine(reason));
            }
            Instant now = timing.clock().instant();
            if (!now.isBefore(deadline)) {
                throw new CrossdeployException("Timed out waiting for CloudFormation to compute the change set for stack "
                        + stackName + "; raise crossdeploy.timeout or try again");
            }
            if (Duration.between(lastLine, now).compareTo(timing.heartbeat()) >= 0) {
                reporter.info("still waiting: change set for " + stackName + " " + status + " (" + Text.elapsed(Duration.between(started, now)) + ")");
                lastLine = now;
            }
            sleep(interval);
            interval = timing.next(interval);
        }
    }

    /** Deletes a change set, ignoring one that is already gone. */
    void delete(String changeSetId) {
        try {
            cfn.deleteChangeSet(b -> b.changeSetName(changeSetId));
        } catch (CloudFormationException e) {
            if (!"ChangeSetNotFound".equals(e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode())) throw e;
        }
    }

    /**
     * Deletes the crossdeploy change sets of the stack created before {@code ours} that nobody is
     * executing: what runs killed between CreateChangeSet and ExecuteChangeSet left. Called when
     * this run ends without executing (executing deletes them anyway), so two runs never take
     * turns deleting each other's.
     */
    void deleteLeftovers(String stackId, String ours, Instant createdBefore) {
        String token = null;
        do {
            String page = token;
            ListChangeSetsResponse response = cfn.listChangeSets(b -> b.stackName(stackId).nextToken(page));
            for (ChangeSetSummary s : response.summaries()) {
                if (!s.changeSetName().startsWith(PREFIX) || s.changeSetId().equals(ours)) continue;
                if ("EXECUTE_IN_PROGRESS".equals(s.executionStatusAsString())) continue;
                if (s.creationTime() != null && !s.creationTime().isBefore(createdBefore)) continue;
                delete(s.changeSetId());
                reporter.info("Deleted change set " + s.changeSetName() + ", left by an earlier run that did not finish");
            }
            token = response.nextToken();
        } while (token != null);
    }

    static boolean isNoChanges(String reason) {
        return reason != null && NO_CHANGE_REASONS.stream().anyMatch(reason::contains);
    }

    private List<ChangeRow> rows(DescribeChangeSetResponse first) {
        List<ChangeRow> rows = new ArrayList<>();
        DescribeChangeSetResponse page = first;
        while (true) {
            for (Change c : page.changes()) {
                ResourceChange rc = c.resourceChange();
                if (rc == null) continue;
                rows.add(new ChangeRow(rc.actionAsString(), rc.logicalResourceId(), rc.resourceType(),
                        rc.replacementAsString(), ChangeReasons.describe(rc)));
            }
            String token = page.nextToken();
            if (token == null) return rows;
            String changeSetId = first.changeSetId();
            page = Overtaken.guard(() -> cfn.describeChangeSet(b -> b.changeSetName(changeSetId).nextToken(token)));
        }
    }

    private void sleep(Duration d) {
        timing.sleeper().sleepOrStop(d, "interrupted while waiting for the change set");
    }
}
