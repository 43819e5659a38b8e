package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.drift.DriftDetector;
import dev.crossdeploy.localcloud.cloudformation.drift.DriftLedger;
import dev.crossdeploy.localcloud.cloudformation.drift.PropertyDifference;
import dev.crossdeploy.localcloud.cloudformation.drift.ResourceDrift;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackResource;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DetectStackDrift, DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts and
 * DetectStackResourceDrift. Stack detection runs in the background, as in AWS: the caller polls
 * the detection's status; each stack keeps the latest drift of every resource checked.
 */
final class DriftActions {
    private static final Set<String> DRIFT_STATUSES = Set.of("IN_SYNC", "MODIFIED", "DELETED", "NOT_CHECKED");

    /** One stack drift detection; its fields are set once when it completes. */
    private static final class Detection {
        final String id;
        final String stackId;
        final Instant started;
        volatile String status = "DETECTION_IN_PROGRESS";
        volatile String reason;
        volatile String stackDriftStatus;
        volatile int drifted;

        Detection(String id, String stackId, Instant started) {
            this.id = id;
            this.stackId = stackId;
            this.started = started;
        }
    }

    private final StackLookup lookup;
    private final Permissions permissions;
    private final DriftDetector detector;
    private final Map<String, Detection> detections = new ConcurrentHashMap<>();
    private final DriftLedger ledger;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cfn-drift");
        t.setDaemon(true);
        return t;
    });
    private final CloudState state;

    DriftActions(CloudState state, StackLookup lookup, Permissions permissions, DriftLedger ledger) {
        this.ledger = ledger;
        this.state = state;
        this.lookup = lookup;
        this.permissions = permissions;
        this.detector = new DriftDetector(state);
    }

    void detectStackDrift(QueryParams p, Principal c, Xml x) {
        Stack s = lookup.stack(c, p.required("StackName"));
        permissions.authorize(c, "cloudformation:DetectStackDrift", s.id());
        List<String> only = p.list("LogicalResourceIds");
        List<StackResource> resources = s.resources().stream()
                .filter(r -> only.isEmpty() || only.contains(r.logicalId())).toList();
        Detection d = new Detection(UUID.randomUUID().toString(), s.id(), state.clock().instant());
        detections.put(d.id, d);
        background.execute(() -> run(d, s, resources));
        x.leaf("StackDriftDetectionId", d.id);
    }

    private void run(Detection d, Stack s, List<StackResource> resources) {
        try {
            int drifted = 0;
            for (StackResource r : resources) {
                ResourceDrift drift = detector.detect(s, r, d.started);
                ledger.resourceChecked(drift);
                if (drift.drifted()) drifted++;
            }
            d.drifted = drifted;
            d.stackDriftStatus = drifted > 0 ? "DRIFTED" : "IN_SYNC";
            ledger.stackChecked(s.id(), d.stackDriftStatus, d.started);
            d.status = "DETECTION_COMPLETE";
        } catch (RuntimeException e) {
            d.stackDriftStatus = "UNKNOWN";
            d.reason = "Drift detection failed: " + e.getMessage();
            d.status = "DETECTION_FAILED";
        }
    }

    void describeStackDriftDetectionStatus(QueryParams p, Principal c, Xml x) {
        String id = p.required("StackDriftDetectionId");
        // IAM scopes this action to "*": a detection id names no stack.
        permissions.authorize(c, "cloudformation:DescribeStackDriftDetectionStatus", "*");
        Detection d = detections.get(id);
        // Another account's detection is as unknown as one never started.
        if (d != null && !d.stackId.split(":")[4].equals(c.accountId())) d = null;
        if (d == null) throw AwsException.validation("Drift detection with id " + id + " does not exist");
        x.leaf("StackId", d.stackId).leaf("StackDriftDetectionId", d.id);
        if (d.stackDriftStatus != null) x.leaf("StackDriftStatus", d.stackDriftStatus);
        x.leaf("DetectionStatus", d.status).leaf("DetectionStatusReason", d.reason);
        if ("DETECTION_COMPLETE".equals(d.status)) x.leaf("DriftedStackResourceCount", d.drifted);
        x.leaf("Timestamp", StackXml.time(d.started));
    }

    void describeStackResourceDrifts(QueryParams p, Principal c, Xml x) {
        Stack s = lookup.stack(c, p.required("StackName"));
        permissions.authorize(c, "cloudformation:DescribeStackResourceDrifts", s.id());
        List<String> filters = p.list("StackResourceDriftStatusFilters");
        for (String f : filters) {
            if (!DRIFT_STATUSES.contains(f)) {
                throw AwsException.validation("1 validation error detected: Value '[" + f + "]' at 'stackResourceDriftStatusFilters'"
                        + " failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set:"
                        + " [IN_SYNC, MODIFIED, DELETED, NOT_CHECKED]]");
            }
        }
        x.open("StackResourceDrifts");
        // Resources removed or replaced since the detection are no longer reported.
        s.resources().stream()
                .flatMap(r -> ledger.resource(s.id(), r.logicalId(), r.physicalId()).stream())
                .filter(d -> filters.isEmpty() || filters.contains(d.status()))
                .sorted(java.util.Comparator.comparing(ResourceDrift::logicalId))
                .forEach(d -> drift(x.open("member"), d).close());
        x.close();
    }

    void detectStackResourceDrift(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        Stack s = lookup.stack(c, name);
        permissions.authorize(c, "cloudformation:DetectStackResourceDrift", s.id());
        String logical = p.required("LogicalResourceId");
        StackResource r = s.resources().stream().filter(sr -> sr.logicalId().equals(logical)).findFirst()
                .orElseThrow(() -> AwsException.validation("Resource " + logical + " does not exist for stack " + name));
        ResourceDrift drift = detector.detect(s, r);
        ledger.resourceChecked(drift);
        drift(x.open("StackResourceDrift"), drift).close();
    }

    private static Xml drift(Xml x, ResourceDrift d) {
        x.leaf("StackId", d.stackId()).leaf("LogicalResourceId", d.logicalId())
                .leaf("PhysicalResourceId", d.physicalId()).leaf("ResourceType", d.type())
                // A deleted resource has neither, as CloudFormation reports it.
                .leaf("ExpectedProperties", "DELETED".equals(d.status()) ? null : DriftDetector.json(d.expected()))
                .leaf("ActualProperties", DriftDetector.json(d.actual()));
        x.open("PropertyDifferences");
        for (PropertyDifference diff : d.differences()) {
            x.open("member").leaf("PropertyPath", diff.path()).leaf("ExpectedValue", diff.expected())
                    .leaf("ActualValue", diff.actual()).leaf("DifferenceType", diff.type()).close();
        }
        x.close();
        return x.leaf("StackResourceDriftStatus", d.status()).leaf("Timestamp", StackXml.time(d.timestamp()));
    }

    /** Forgets every detection; part of the cloud's reset. */
    void reset() {
        detections.clear();
        ledger.reset();
    }

    void shutdown() { background.shutdownNow(); }
}
