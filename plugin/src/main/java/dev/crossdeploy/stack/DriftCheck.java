package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Table;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceDriftsResponse;
import software.amazon.awssdk.services.cloudformation.model.PropertyDifference;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackDriftDetectionStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The drift engine: asks CloudFormation to compare a stack's resources with its template
 * (DetectStackDrift, polled to completion, then DescribeStackResourceDrifts), reports what
 * differs, and refuses a deploy to a protected stage that would silently overwrite it.
 */
public final class DriftCheck {
    /** How long a detection may run; CloudFormation finishes small stacks in seconds. */
    static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Set<String> NOT_DEPLOYED = Set.of("REVIEW_IN_PROGRESS", "ROLLBACK_COMPLETE");

    private final CloudFormationClient cfn;
    private final Reporter reporter;
    private final Timing timing;

    public DriftCheck(CloudFormationClient cfn, Reporter reporter, Timing timing) {
        this.cfn = cfn;
        this.reporter = reporter;
        this.timing = timing;
    }

    /**
     * Before a deploy: on a protected stage, detects drift and refuses when the stack drifted,
     * unless {@code allowDrift}, which deploys over it with a warning. Other stages are not checked.
     */
    public void beforeDeploy(Stage stage, String stackName, boolean allowDrift) {
        if (!stage.protectedStage()) return;
        DriftReport report;
        try {
            report = detectRaw(stage, stackName);
        } catch (CloudFormationException e) {
            if (e.statusCode() != 403) {
                // Always throws: the error explained, or unchanged when it is transient.
                Errors.refusalExplained(stackName, stage, () -> { throw e; });
            }
            // A deploy role bootstrapped before crossdeploy checked drift may not run detection.
            String denied = "the deploy role of stage " + stage.name() + " may not detect drift of stack " + stackName
                    + " (" + Errors.describe(e) + ")";
            if (allowDrift) {
                reporter.warn("Drift not checked (crossdeploy.allowDrift=true): " + denied);
                return;
            }
            throw new CrossdeployException("Refused: " + denied + ". Update the account's bootstrap stack"
                    + " (mvn crossdeploy:bootstrap), or deploy without the check with -Dcrossdeploy.allowDrift=true");
        }
        if (!report.drifted()) return;
        String what = "stack " + stackName + " in protected stage " + stage.name() + " has drifted from its template: "
                + report.summary();
        if (allowDrift) {
            reporter.warn("Deploying over drift (crossdeploy.allowDrift=true): " + what);
            return;
        }
        throw new CrossdeployException("Refused: " + what + ". Reconcile the resources with the template"
                + " (mvn crossdeploy:drift -Dstage=" + stage.name() + " lists them), or deploy over the drift with"
                + " -Dcrossdeploy.allowDrift=true");
    }

    /** The {@code drift} goal: detects drift and prints it as a table. */
    public DriftReport report(Stage stage, String stackName) {
        DriftReport report = detect(stage, stackName);
        if (!report.deployed()) {
            reporter.info("Stack " + stackName + " is not deployed in stage " + stage.name() + "; nothing to check");
        } else if (!report.drifted()) {
            reporter.info("Stack " + stackName + " in stage " + stage.name() + " is in sync with its template");
        } else {
            reporter.warn("Stack " + stackName + " in stage " + stage.name() + " has drifted from its template:");
            Table table = Table.withHeaders("Resource", "Type", "Drift", "Property", "Expected", "Actual");
            report.items().forEach(i -> table.row(i.logicalId(), i.type(), i.status(), i.path(),
                    i.path() == null ? null : DriftItem.shown(i.expected()), i.path() == null ? null : DriftItem.shown(i.actual())));
            table.lines().forEach(l -> reporter.warn("  " + l));
        }
        return report;
    }

    /** Runs a detection on the stack and collects what drifted; a stack never deployed has nothing to check. */
    public DriftReport detect(Stage stage, String stackName) {
        return Errors.refusalExplained(stackName, stage, () -> detectRaw(stage, stackName));
    }

    /** {@link #detect} with CloudFormation's refusals as they came, for the deploy guard to tell access denied apart. */
    private DriftReport detectRaw(Stage stage, String stackName) {
        Stack stack = new StackLookup(cfn).find(stackName).orElse(null);
        if (stack == null || NOT_DEPLOYED.contains(stack.stackStatusAsString())) {
            return new DriftReport(stackName, false, List.of());
        }
        reporter.info("Detecting drift of stack " + stackName + " in stage " + stage.name());
        String id = cfn.detectStackDrift(b -> b.stackName(stack.stackId())).stackDriftDetectionId();
        DescribeStackDriftDetectionStatusResponse status = await(stackName, id);
        if (status.detectionStatus() == StackDriftDetectionStatus.DETECTION_FAILED) {
            // CloudFormation still reports the resources it could check.
            reporter.warn("Drift detection of stack " + stackName + " was incomplete: " + status.detectionStatusReason());
        }
        return new DriftReport(stackName, true, drifted(stack.stackId()));
    }

    private DescribeStackDriftDetectionStatusResponse await(String stackName, String id) {
        Instant deadline = timing.clock().instant().plus(LIMIT);
        Duration interval = timing.firstPoll();
        while (true) {
            DescribeStackDriftDetectionStatusResponse status =
                    cfn.describeStackDriftDetectionStatus(b -> b.stackDriftDetectionId(id));
            if (status.detectionStatus() != StackDriftDetectionStatus.DETECTION_IN_PROGRESS) return status;
            if (!timing.clock().instant().isBefore(deadline)) {
                throw new CrossdeployException("Drift detection of stack " + stackName + " did not finish within " + LIMIT
                        + "; run again, or deploy without the check with -Dcrossdeploy.allowDrift=true");
            }
            timing.sleeper().sleepOrStop(interval, "interrupted while waiting for drift detection");
            interval = timing.next(interval);
        }
    }

    private List<DriftItem> drifted(String stackId) {
        List<DriftItem> items = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeStackResourceDriftsResponse response = cfn.describeStackResourceDrifts(b -> b
                    .stackName(stackId).nextToken(page)
                    .stackResourceDriftStatusFilters(StackResourceDriftStatus.MODIFIED, StackResourceDriftStatus.DELETED));
            for (StackResourceDrift d : response.stackResourceDrifts()) {
                if (d.stackResourceDriftStatus() == StackResourceDriftStatus.DELETED || d.propertyDifferences().isEmpty()) {
                    items.add(new DriftItem(d.logicalResourceId(), d.resourceType(), d.stackResourceDriftStatusAsString(),
                            null, null, null));
                }
                for (PropertyDifference p : d.propertyDifferences()) {
                    items.add(new DriftItem(d.logicalResourceId(), d.resourceType(), d.stackResourceDriftStatusAsString(),
                            p.propertyPath(), p.expectedValue(), p.actualValue()));
                }
            }
            token = response.nextToken();
        } while (token != null);
        return items;
    }
}
