package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal change-set deployment of one template: create or update the stack through a
 * change set, treat "no changes" as success, stream the stack events while it settles, and
 * return its outputs. Written for the bootstrap goal before the shared stack engine existed;
 * meant to be folded into {@code dev.crossdeploy.stack}.
 */
public final class ChangeSetDeployer {
    private static final Set<String> NO_CHANGE_REASONS = Set.of(
            "The submitted information didn't contain changes. Submit different information to create a change set.",
            "No updates are to be performed.");
    private static final Set<String> SUCCESS = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final CloudFormationClient cloudFormation;
    private final Reporter reporter;
    private final Duration pollInterval;
    private final Duration timeout;
    private final Clock clock;

    public ChangeSetDeployer(CloudFormationClient cloudFormation, Reporter reporter, Duration pollInterval,
                             Duration timeout) {
        this.cloudFormation = cloudFormation;
        this.reporter = reporter;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.clock = Clock.systemUTC();
    }

    /** Creates or updates {@code stackName} from {@code templateBody}; waits until it settles. */
    public StackDeployment deploy(String stackName, String templateBody, List<Parameter> parameters,
                                  List<Capability> capabilities) {
        Optional<Stack> existing = describeStack(stackName);
        ChangeSetType type = changeSetType(stackName, existing);
        String changeSetName = "crossdeploy-" + clock.millis();
        String lastEventId = type == ChangeSetType.UPDATE ? newestEventId(stackName) : null;

        String changeSetId = cloudFormation.createChangeSet(r -> r.stackName(stackName)
                .changeSetName(changeSetName).changeSetType(type).templateBody(templateBody)
                .parameters(parameters).capabilities(capabilities)
                .description("crossdeploy bootstrap")).id();
        DescribeChangeSetResponse changeSet = awaitChangeSet(stackName, changeSetId);
        if (changeSet.status() == ChangeSetStatus.FAILED) {
            String reason = changeSet.statusReason() == null ? "" : changeSet.statusReason();
            if (NO_CHANGE_REASONS.contains(reason.trim())) {
                deleteQuietly(changeSetId);
                reporter.info("No changes: stack " + stackName + " is up to date.");
                Stack stack = describeStack(stackName).orElseThrow();
                return new StackDeployment(stackName, StackDeployment.Outcome.UNCHANGED,
                        stack.stackStatusAsString(), outputs(stack));
            }
            throw new CrossdeployException("The change set for stack " + stackName + " failed: " + reason);
        }
        reportChanges(stackName, changeSetId, changeSet);

        cloudFormation.executeChangeSet(r -> r.changeSetName(changeSetId));
        Stack settled = awaitStack(stackName, lastEventId);
        String status = settled.stackStatusAsString();
        if (!SUCCESS.contains(status)) {
            throw new CrossdeployException(failureMessage(stackName, status, lastEventId));
        }
        reporter.info("Stack " + stackName + " " + status + ".");
        return new StackDeployment(stackName, type == ChangeSetType.CREATE
                ? StackDeployment.Outcome.CREATED : StackDeployment.Outcome.UPDATED, status, outputs(settled));
    }

    private ChangeSetType changeSetType(String stackName, Optional<Stack> existing) {
        if (existing.isEmpty()) return ChangeSetType.CREATE;
        String status = existing.get().stackStatusAsString();
        // A stack whose first change set never ran waits in REVIEW_IN_PROGRESS: create it again.
        if (status.equals("REVIEW_IN_PROGRESS")) return ChangeSetType.CREATE;
        if (status.equals("ROLLBACK_COMPLETE")) {
            throw new CrossdeployException("Stack " + stackName + " is in ROLLBACK_COMPLETE after a failed first"
                    + " creation and cannot be updated; delete it (aws cloudformation delete-stack --stack-name "
                    + stackName + ") and run bootstrap again.");
        }
        if (status.endsWith("_IN_PROGRESS")) {
            throw new CrossdeployException("Stack " + stackName + " is busy (" + status
                    + "); wait until it settles and run bootstrap again.");
        }
        if (status.endsWith("_FAILED") || status.startsWith("DELETE_")) {
            throw new CrossdeployException("Stack " + stackName + " is in " + status
                    + " and cannot be updated; repair or delete it in the CloudFormation console, then run bootstrap again.");
        }
        return ChangeSetType.UPDATE;
    }

    private DescribeChangeSetResponse awaitChangeSet(String stackName, String changeSetId) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            DescribeChangeSetResponse cs = cloudFormation.describeChangeSet(r -> r.changeSetName(changeSetId));
            if (cs.status() == ChangeSetStatus.CREATE_COMPLETE || cs.status() == ChangeSetStatus.FAILED) return cs;
            if (clock.instant().isAfter(deadline)) {
                throw new CrossdeployException("The change set for stack " + stackName + " is still "
                        + cs.statusAsString() + " after " + minutes(timeout) + "; look at it in the CloudFormation console.");
            }
            pause();
        }
    }

    private void reportChanges(String stackName, String changeSetId, DescribeChangeSetResponse first) {
        List<ResourceChange> changes = new ArrayList<>();
        DescribeChangeSetResponse page = first;
        while (true) {
            page.changes().forEach(c -> { if (c.resourceChange() != null) changes.add(c.resourceChange()); });
            if (page.nextToken() == null) break;
            String token = page.nextToken();
            page = cloudFormation.describeChangeSet(r -> r.changeSetName(changeSetId).nextToken(token));
        }
        reporter.info("Change set for stack " + stackName + ": " + changes.size() + " change(s)");
        for (ResourceChange c : changes) {
            String replacement = c.replacementAsString() == null || c.replacementAsString().equals("False")
                    ? "" : " (replacement: " + c.replacementAsString() + ")";
            reporter.info("  " + c.actionAsString() + "  " + c.logicalResourceId() + "  " + c.resourceType() + replacement);
        }
    }

    /** Polls until the stack settles, printing each new event once, oldest first. */
    private Stack awaitStack(String stackName, String lastEventId) {
        Instant deadline = clock.instant().plus(timeout);
        String seen = lastEventId;
        while (true) {
            seen = printNewEvents(stackName, seen);
            Stack stack = describeStack(stackName).orElseThrow(() ->
                    new CrossdeployException("Stack " + stackName + " disappeared while it was being deployed."));
            String status = stack.stackStatusAsString();
            if (!status.endsWith("_IN_PROGRESS")) {
                printNewEvents(stackName, seen);
                return stack;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new CrossdeployException("Stack " + stackName + " is still " + status + " after "
                        + minutes(timeout) + "; follow it in the CloudFormation console.");
            }
            pause();
        }
    }

    private String printNewEvents(String stackName, String lastSeenId) {
        List<StackEvent> fresh = newEvents(stackName, lastSeenId);
        if (fresh.isEmpty()) return lastSeenId;
        for (int i = fresh.size() - 1; i >= 0; i--) reporter.info(eventLine(fresh.get(i)));
        return fresh.get(0).eventId();
    }

    /** Events newer than {@code lastSeenId}, newest first (the order CloudFormation returns them). */
    private List<StackEvent> newEvents(String stackName, String lastSeenId) {
        List<StackEvent> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeStackEventsResponse page = cloudFormation.describeStackEvents(r -> r.stackName(stackName).nextToken(t));
            for (StackEvent e : page.stackEvents()) {
                if (e.eventId().equals(lastSeenId)) return out;
                out.add(e);
            }
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    private String newestEventId(String stackName) {
        List<StackEvent> events = cloudFormation.describeStackEvents(r -> r.stackName(stackName)).stackEvents();
        return events.isEmpty() ? null : events.get(0).eventId();
    }

    private static String eventLine(StackEvent e) {
        String reason = e.resourceStatusReason() == null || e.resourceStatusReason().isBlank()
                ? "" : "  " + e.resourceStatusReason();
        String time = e.timestamp() == null ? "" : TIME.format(e.timestamp()) + "  ";
        return "  " + time + e.resourceStatusAsString() + "  " + e.resourceType() + "  " + e.logicalResourceId() + reason;
    }

    /** The stack's final status and the first resource failure, which is usually the cause. */
    private String failureMessage(String stackName, String status, String lastEventId) {
        List<StackEvent> events = new ArrayList<>(newEvents(stackName, lastEventId));
        Collections.reverse(events);
        String cause = events.stream()
                .filter(e -> e.resourceStatusAsString() != null && e.resourceStatusAsString().endsWith("_FAILED"))
                .filter(e -> e.resourceStatusReason() != null && !e.resourceStatusReason().contains("cancelled"))
                .filter(e -> !e.logicalResourceId().equals(stackName))
                .reduce((a, b) -> a) // the oldest failure
                .map(e -> e.logicalResourceId() + " (" + e.resourceType() + ") " + e.resourceStatusAsString()
                        + ": " + e.resourceStatusReason())
                .orElse("see the stack events above");
        String next = status.equals("ROLLBACK_COMPLETE")
                ? " Delete the stack before running bootstrap again." : "";
        return "Stack " + stackName + " ended in " + status + ": " + cause + "." + next;
    }

    private Optional<Stack> describeStack(String stackName) {
        try {
            return cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().stream().findFirst();
        } catch (CloudFormationException e) {
            String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
            if (message != null && message.contains("does not exist")) return Optional.empty();
            throw e;
        }
    }

    private void deleteQuietly(String changeSetId) {
        try {
            cloudFormation.deleteChangeSet(r -> r.changeSetName(changeSetId));
        } catch (CloudFormationException e) {
            // An empty change set left behind is harmless; the next run creates another.
        }
    }

    private static Map<String, String> outputs(Stack stack) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Output o : stack.outputs()) out.put(o.outputKey(), o.outputValue());
        return out;
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrossdeployException("Interrupted while waiting for CloudFormation.", e);
        }
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
    }
}
