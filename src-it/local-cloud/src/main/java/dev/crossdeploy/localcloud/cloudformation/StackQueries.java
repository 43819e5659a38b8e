package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.drift.DriftLedger;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEvent;
import dev.crossdeploy.localcloud.cloudformation.engine.StackResource;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.ArrayList;
import java.util.List;

/** DescribeStackEvents, DescribeStackResources, DescribeStackResource and ListStackResources: what a stack did and holds. */
final class StackQueries {
    private static final int EVENTS_PAGE = 100;

    private final StackLookup lookup;
    private final Permissions permissions;
    private final DriftLedger drift;

    StackQueries(StackLookup lookup, Permissions permissions, DriftLedger drift) {
        this.drift = drift;
        this.lookup = lookup;
        this.permissions = permissions;
    }

    void describeStackEvents(QueryParams p, Principal c, Xml x) {
        Stack s = lookup.stack(c, p.required("StackName"));
        permissions.authorize(c, "cloudformation:DescribeStackEvents", s.id());
        List<StackEvent> events = new ArrayList<>(s.events());
        java.util.Collections.reverse(events);
        int from = 0;
        String next = p.get("NextToken");
        if (next != null) {
            try {
                from = Integer.parseInt(next);
            } catch (NumberFormatException e) {
                throw AwsException.validation("Invalid NextToken");
            }
        }
        // Pages count back from the oldest event so a page stays stable while new events arrive.
        int total = events.size();
        int start = next == null ? 0 : Math.max(0, total - from);
        int end = Math.min(total, start + EVENTS_PAGE);
        x.open("StackEvents");
        events.subList(start, end).forEach(e -> StackXml.event(x, e));
        x.close();
        if (end < total) x.leaf("NextToken", String.valueOf(total - end));
    }

    void describeStackResources(QueryParams p, Principal c, Xml x) {
        String name = p.get("StackName");
        String physical = p.get("PhysicalResourceId");
        Stack s;
        if (name == null && physical != null) {
            s = lookup.all(c).stream()
                    .filter(st -> st.resources().stream().anyMatch(r -> physical.equals(r.physicalId())))
                    .findFirst().orElseThrow(() -> AwsException.validation("Stack for " + physical + " does not exist"));
        } else {
            if (name == null) throw AwsException.validation("Either StackName or PhysicalResourceId must be specified.");
            s = lookup.describedStack(c, name);
        }
        permissions.authorize(c, "cloudformation:DescribeStackResources", s.id());
        String logical = p.get("LogicalResourceId");
        x.open("StackResources");
        for (StackResource r : s.resources()) {
            if (logical != null && !logical.equals(r.logicalId())) continue;
            if (physical != null && !physical.equals(r.physicalId())) continue;
            StackXml.resource(x, s, r, drift);
        }
        x.close();
    }

    void describeStackResource(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        Stack s = lookup.describedStack(c, name);
        permissions.authorize(c, "cloudformation:DescribeStackResource", s.id());
        String logical = p.required("LogicalResourceId");
        StackResource r = s.resources().stream().filter(sr -> sr.logicalId().equals(logical)).findFirst()
                .orElseThrow(() -> AwsException.validation("Resource " + logical + " does not exist for stack " + name));
        x.open("StackResourceDetail")
                .leaf("StackName", s.name()).leaf("StackId", s.id())
                .leaf("LogicalResourceId", r.logicalId()).leaf("PhysicalResourceId", r.physicalId())
                .leaf("ResourceType", r.type()).leaf("LastUpdatedTimestamp", StackXml.time(r.updated()))
                .leaf("ResourceStatus", r.status()).leaf("ResourceStatusReason", r.reason());
        StackXml.resourceDrift(x, drift.resource(s.id(), r.logicalId(), r.physicalId()));
        x.close();
    }

    void listStackResources(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        Stack s = lookup.describedStack(c, name);
        permissions.authorize(c, "cloudformation:ListStackResources", s.id());
        x.open("StackResourceSummaries");
        s.resources().forEach(r -> StackXml.resourceSummary(x, s, r, drift));
        x.close();
    }
}
