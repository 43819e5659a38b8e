package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.cloudformation.drift.DriftLedger;
import dev.crossdeploy.localcloud.cloudformation.drift.ResourceDrift;
import dev.crossdeploy.localcloud.cloudformation.engine.ChangeSet;
import dev.crossdeploy.localcloud.cloudformation.engine.Output;
import dev.crossdeploy.localcloud.cloudformation.engine.ResourceChange;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEvent;
import dev.crossdeploy.localcloud.cloudformation.engine.StackResource;
import dev.crossdeploy.localcloud.cloudformation.engine.Tag;
import dev.crossdeploy.localcloud.xml.Xml;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** CloudFormation's XML shapes for stacks, change sets, events and resources. */
final class StackXml {
    static final String MASK = "****";

    private StackXml() {}

    static String time(Instant i) { return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS).toString(); }

    static void stack(Xml x, Stack s, DriftLedger drift) {
        x.open("member")
                .leaf("StackId", s.id())
                .leaf("StackName", s.name())
                .leaf("ChangeSetId", s.lastChangeSetId())
                .leaf("Description", s.description());
        parameters(x, s.parameters(), s.noEcho());
        x.leaf("CreationTime", time(s.created()))
                .leaf("DeletionTime", time(s.deleted()))
                .leaf("LastUpdatedTime", time(s.lastUpdated()))
                .element("RollbackConfiguration", r -> { })
                .leaf("StackStatus", s.status())
                .leaf("StackStatusReason", s.statusReason())
                .leaf("DisableRollback", s.disableRollback());
        strings(x, "NotificationARNs", s.notificationArns());
        if (s.timeoutInMinutes() != null) x.leaf("TimeoutInMinutes", s.timeoutInMinutes());
        strings(x, "Capabilities", s.capabilities());
        if (!s.outputs().isEmpty()) {
            x.open("Outputs");
            for (Output o : s.outputs()) {
                x.open("member").leaf("OutputKey", o.key()).leaf("OutputValue", o.value())
                        .leaf("Description", o.description()).leaf("ExportName", o.exportName()).close();
            }
            x.close();
        }
        x.leaf("RoleARN", s.roleArn());
        tags(x, s.tags());
        x.leaf("EnableTerminationProtection", s.terminationProtection());
        stackDrift(x, drift.stack(s.id()));
        x.close();
    }

    static void summary(Xml x, Stack s, DriftLedger drift) {
        x.open("member")
                .leaf("StackId", s.id())
                .leaf("StackName", s.name())
                .leaf("TemplateDescription", s.description())
                .leaf("CreationTime", time(s.created()))
                .leaf("LastUpdatedTime", time(s.lastUpdated()))
                .leaf("DeletionTime", time(s.deleted()))
                .leaf("StackStatus", s.status())
                .leaf("StackStatusReason", s.statusReason());
        stackDrift(x, drift.stack(s.id()));
        x.close();
    }

    static void parameters(Xml x, Map<String, String> values, Set<String> noEcho) {
        if (values.isEmpty()) return;
        x.open("Parameters");
        values.forEach((k, v) -> x.open("member").leaf("ParameterKey", k)
                .leaf("ParameterValue", noEcho.contains(k) ? MASK : v).close());
        x.close();
    }

    static void strings(Xml x, String name, List<String> values) {
        x.open(name);
        values.forEach(v -> x.leaf("member", v));
        x.close();
    }

    static void tags(Xml x, List<Tag> tags) {
        x.open("Tags");
        tags.forEach(t -> x.open("member").leaf("Key", t.key()).leaf("Value", t.value()).close());
        x.close();
    }

    static void event(Xml x, StackEvent e) {
        x.open("member")
                .leaf("StackId", e.stackId())
                .leaf("EventId", e.eventId())
                .leaf("StackName", e.stackName())
                .leaf("LogicalResourceId", e.logicalId())
                .leaf("PhysicalResourceId", e.physicalId())
                .leaf("ResourceType", e.resourceType())
                .leaf("Timestamp", time(e.timestamp()))
                .leaf("ResourceStatus", e.status())
                .leaf("ResourceStatusReason", e.reason())
                .leaf("ClientRequestToken", e.clientRequestToken())
                .close();
    }

    static void resource(Xml x, Stack s, StackResource r, DriftLedger drift) {
        x.open("member")
                .leaf("StackName", s.name())
                .leaf("StackId", s.id())
                .leaf("LogicalResourceId", r.logicalId())
                .leaf("PhysicalResourceId", r.physicalId())
                .leaf("ResourceType", r.type())
                .leaf("Timestamp", time(r.updated()))
                .leaf("ResourceStatus", r.status())
                .leaf("ResourceStatusReason", r.reason());
        resourceDrift(x, drift.resource(s.id(), r.logicalId(), r.physicalId()));
        x.close();
    }

    static void resourceSummary(Xml x, Stack s, StackResource r, DriftLedger drift) {
        x.open("member")
                .leaf("LogicalResourceId", r.logicalId())
                .leaf("PhysicalResourceId", r.physicalId())
                .leaf("ResourceType", r.type())
                .leaf("LastUpdatedTimestamp", time(r.updated()))
                .leaf("ResourceStatus", r.status())
                .leaf("ResourceStatusReason", r.reason());
        resourceDrift(x, drift.resource(s.id(), r.logicalId(), r.physicalId()));
        x.close();
    }

    /** A stack's DriftInformation: NOT_CHECKED until a DetectStackDrift completes, then its result and time. */
    static void stackDrift(Xml x, Optional<DriftLedger.StackCheck> check) {
        x.element("DriftInformation", d -> {
            d.leaf("StackDriftStatus", check.map(DriftLedger.StackCheck::status).orElse("NOT_CHECKED"));
            check.ifPresent(c -> d.leaf("LastCheckTimestamp", time(c.timestamp())));
        });
    }

    /** A resource's DriftInformation: NOT_CHECKED until checked, then its last status and time. */
    static void resourceDrift(Xml x, Optional<ResourceDrift> drift) {
        x.element("DriftInformation", d -> {
            d.leaf("StackResourceDriftStatus", drift.map(ResourceDrift::status).orElse("NOT_CHECKED"));
            drift.ifPresent(r -> d.leaf("LastCheckTimestamp", time(r.timestamp())));
        });
    }

    static void changeSetSummary(Xml x, ChangeSet cs) {
        x.open("member")
                .leaf("StackId", cs.stack().id())
                .leaf("StackName", cs.stack().name())
                .leaf("ChangeSetId", cs.id())
                .leaf("ChangeSetName", cs.name())
                .leaf("ExecutionStatus", cs.executionStatus())
                .leaf("Status", cs.status())
                .leaf("StatusReason", cs.statusReason())
                .leaf("CreationTime", time(cs.created()))
                .leaf("Description", cs.description())
                .leaf("IncludeNestedStacks", false)
                .close();
    }

    static void changeSet(Xml x, ChangeSet cs, Set<String> noEcho) {
        x.leaf("ChangeSetName", cs.name())
                .leaf("ChangeSetId", cs.id())
                .leaf("StackId", cs.stack().id())
                .leaf("StackName", cs.stack().name())
                .leaf("Description", cs.description());
        parameters(x, cs.parameters(), noEcho);
        x.leaf("CreationTime", time(cs.created()))
                .leaf("ExecutionStatus", cs.executionStatus())
                .leaf("Status", cs.status())
                .leaf("StatusReason", cs.statusReason());
        strings(x, "NotificationARNs", cs.notificationArns());
        x.element("RollbackConfiguration", r -> { });
        strings(x, "Capabilities", cs.capabilities());
        tags(x, cs.tags());
        x.open("Changes");
        for (ResourceChange c : cs.changes()) {
            x.open("member").leaf("Type", "Resource").open("ResourceChange")
                    .leaf("PolicyAction", c.policyAction())
                    .leaf("Action", c.action())
                    .leaf("LogicalResourceId", c.logicalId())
                    .leaf("PhysicalResourceId", c.physicalId())
                    .leaf("ResourceType", c.resourceType())
                    .leaf("Replacement", c.replacement());
            strings(x, "Scope", c.scope());
            x.open("Details");
            for (ResourceChange.Detail d : c.details()) {
                x.open("member").open("Target")
                        .leaf("Attribute", d.attribute())
                        .leaf("Name", d.name())
                        .leaf("RequiresRecreation", d.requiresRecreation())
                        .close()
                        .leaf("Evaluation", d.evaluation())
                        .leaf("ChangeSource", d.changeSource())
                        .leaf("CausingEntity", d.causingEntity())
                        .close();
            }
            x.close().close().close();
        }
        x.close().leaf("IncludeNestedStacks", false).leaf("OnStackFailure", cs.onStackFailure());
        if (cs.deploymentMode() != null) x.element("DeploymentConfig", d -> d.leaf("Mode", cs.deploymentMode()));
    }
}
