package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.cloudformation.engine.Tag;
import dev.crossdeploy.localcloud.xml.Xml;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The XML shapes of StackSets answers: StackSet, StackInstance, StackSetOperation and their summaries. */
final class StackSetXml {
    private StackSetXml() {}

    static String time(Instant i) { return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS).toString(); }

    static void stackSet(Xml x, StackSet s) {
        x.open("StackSet")
                .leaf("StackSetName", s.name)
                .leaf("StackSetId", s.id)
                .leaf("Description", s.description)
                .leaf("Status", s.status)
                .leaf("TemplateBody", s.template.body());
        parameters(x, "Parameters", masked(s));
        strings(x, "Capabilities", s.capabilities);
        tags(x, s.tags);
        x.leaf("StackSetARN", s.arn)
                .leaf("AdministrationRoleARN", s.administrationRoleArn)
                .leaf("ExecutionRoleName", s.executionRoleName)
                .open("StackSetDriftDetectionDetails").leaf("DriftStatus", "NOT_CHECKED").close()
                .leaf("PermissionModel", "SELF_MANAGED")
                .open("ManagedExecution").leaf("Active", false).close()
                .close();
    }

    /** NoEcho values never leave the cloud: CloudFormation shows them as asterisks. */
    private static Map<String, String> masked(StackSet s) {
        Map<String, String> out = new java.util.LinkedHashMap<>(s.parameters);
        out.replaceAll((k, v) -> {
            var decl = s.template.parameters().get(k);
            return decl != null && decl.noEcho() ? "****" : v;
        });
        return out;
    }

    static void stackSetSummary(Xml x, StackSet s) {
        x.open("member")
                .leaf("StackSetName", s.name)
                .leaf("StackSetId", s.id)
                .leaf("Description", s.description)
                .leaf("Status", s.status)
                .leaf("PermissionModel", "SELF_MANAGED")
                .leaf("DriftStatus", "NOT_CHECKED")
                .open("ManagedExecution").leaf("Active", false).close()
                .close();
    }

    static void instance(Xml x, String element, StackSet s, StackInstance i, boolean withOverrides) {
        x.open(element)
                .leaf("StackSetId", s.id)
                .leaf("Region", i.region)
                .leaf("Account", i.account)
                .leaf("StackId", i.stackId);
        if (withOverrides) parameters(x, "ParameterOverrides", i.overrides);
        x.leaf("Status", i.status)
                .leaf("StatusReason", i.statusReason)
                .open("StackInstanceStatus").leaf("DetailedStatus", i.detailedStatus).close()
                .leaf("DriftStatus", "NOT_CHECKED")
                .leaf("LastOperationId", i.lastOperationId)
                .close();
    }

    static void operation(Xml x, StackSetOperation op) {
        x.open("StackSetOperation")
                .leaf("OperationId", op.id)
                .leaf("StackSetId", op.set.id)
                .leaf("Action", op.action)
                .leaf("Status", op.status);
        preferences(x, op.preferences);
        x.leaf("RetainStacks", op.retainStacks)
                .leaf("AdministrationRoleARN", op.administrationRoleArn)
                .leaf("ExecutionRoleName", op.executionRoleName)
                .leaf("CreationTimestamp", time(op.created))
                .leaf("EndTimestamp", time(op.ended))
                .leaf("StatusReason", op.statusReason);
        statusDetails(x, op);
        x.close();
    }

    static void operationSummary(Xml x, StackSetOperation op) {
        x.open("member")
                .leaf("OperationId", op.id)
                .leaf("Action", op.action)
                .leaf("Status", op.status)
                .leaf("CreationTimestamp", time(op.created))
                .leaf("EndTimestamp", time(op.ended))
                .leaf("StatusReason", op.statusReason);
        statusDetails(x, op);
        preferences(x, op.preferences);
        x.close();
    }

    static void result(Xml x, OperationResult r) {
        x.open("member")
                .leaf("Account", r.account)
                .leaf("Region", r.region)
                .leaf("Status", r.status)
                .leaf("StatusReason", r.statusReason);
        if (r.gateStatus != null) {
            x.open("AccountGateResult").leaf("Status", r.gateStatus).leaf("StatusReason", r.gateReason).close();
        }
        x.close();
    }

    private static void statusDetails(Xml x, StackSetOperation op) {
        x.open("StatusDetails").leaf("FailedStackInstancesCount", op.failedCount()).close();
    }

    private static void preferences(Xml x, OperationPreferences p) {
        x.open("OperationPreferences")
                .leaf("RegionConcurrencyType", p.regionConcurrencyType() == null ? "SEQUENTIAL" : p.regionConcurrencyType());
        strings(x, "RegionOrder", p.regionOrder());
        x.leaf("FailureToleranceCount", p.failureToleranceCount())
                .leaf("FailureTolerancePercentage", p.failureTolerancePercentage())
                .leaf("MaxConcurrentCount", p.maxConcurrentCount())
                .leaf("MaxConcurrentPercentage", p.maxConcurrentPercentage())
                .leaf("ConcurrencyMode", p.concurrencyMode())
                .close();
    }

    private static void parameters(Xml x, String element, Map<String, String> values) {
        x.open(element);
        values.forEach((k, v) -> x.open("member").leaf("ParameterKey", k).leaf("ParameterValue", v).close());
        x.close();
    }

    private static void strings(Xml x, String element, List<String> values) {
        x.open(element);
        values.forEach(v -> x.leaf("member", v));
        x.close();
    }

    private static void tags(Xml x, List<Tag> tags) {
        x.open("Tags");
        tags.forEach(t -> x.open("member").leaf("Key", t.key()).leaf("Value", t.value()).close());
        x.close();
    }
}
