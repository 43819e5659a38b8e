package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.drift.DriftLedger;
import dev.crossdeploy.localcloud.cloudformation.engine.ChangeSet;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEngine;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** DescribeStacks, ListStacks, GetTemplate, DeleteStack and UpdateTerminationProtection: stacks as a whole. */
final class StackActions {
    private final StackEngine engine;
    private final StackLookup lookup;
    private final Permissions permissions;
    private final DriftLedger drift;

    StackActions(StackEngine engine, StackLookup lookup, Permissions permissions, DriftLedger drift) {
        this.drift = drift;
        this.engine = engine;
        this.lookup = lookup;
        this.permissions = permissions;
    }

    void describeStacks(QueryParams p, Principal c, Xml x) {
        String name = p.get("StackName");
        List<Stack> stacks;
        if (name == null) {
            permissions.authorize(c, "cloudformation:DescribeStacks", "*");
            stacks = new ArrayList<>(lookup.all(c).stream().filter(s -> !s.isDeleted()).toList());
            stacks.sort(Comparator.comparing(Stack::created).reversed());
        } else {
            Stack s = lookup.describedStack(c, name);
            permissions.authorize(c, "cloudformation:DescribeStacks", s.id());
            stacks = List.of(s);
        }
        x.open("Stacks");
        stacks.forEach(s -> StackXml.stack(x, s, drift));
        x.close();
    }

    void listStacks(QueryParams p, Principal c, Xml x) {
        permissions.authorize(c, "cloudformation:ListStacks", "*");
        List<String> filter = p.list("StackStatusFilter");
        List<Stack> stacks = new ArrayList<>(lookup.all(c));
        stacks.sort(Comparator.comparing(Stack::created).reversed());
        x.open("StackSummaries");
        for (Stack s : stacks) {
            if (filter.isEmpty() || filter.contains(s.status())) StackXml.summary(x, s, drift);
        }
        x.close();
    }

    void getTemplate(QueryParams p, Principal c, Xml x) {
        Template t;
        String arn;
        if (p.has("ChangeSetName")) {
            ChangeSet cs = lookup.changeSet(c, p);
            t = cs.template();
            arn = cs.stack().id();
        } else {
            String name = p.required("StackName");
            Stack s = lookup.describedStack(c, name);
            t = s.template();
            arn = s.id();
        }
        permissions.authorize(c, "cloudformation:GetTemplate", arn);
        String stage = p.get("TemplateStage", "Original");
        if (!stage.equals("Original") && !stage.equals("Processed")) {
            throw AwsException.validation("1 validation error detected: Value '" + stage
                    + "' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]");
        }
        x.leaf("TemplateBody", t == null ? null : t.body());
        StackXml.strings(x, "StagesAvailable", List.of("Original", "Processed"));
    }

    void deleteStack(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        Optional<Stack> found = lookup.find(c, name);
        permissions.authorize(c, "cloudformation:DeleteStack", found.map(Stack::id).orElse(lookup.stackArnPattern(c, name)));
        if (found.isEmpty() || found.get().isDeleted()) return;
        Stack s = found.get();
        if (s.terminationProtection()) {
            throw AwsException.validation("Stack [" + s.name() + "] cannot be deleted while TerminationProtection is enabled");
        }
        if (s.status().equals("DELETE_IN_PROGRESS")) return;
        if (engine.busy(s)) {
            throw AwsException.validation("Stack [" + s.id() + "] cannot be deleted while in status " + s.status());
        }
        String roleArn = p.get("RoleARN");
        if (roleArn != null) {
            permissions.checkRole(c, roleArn);
            engine.role(s, roleArn);
        }
        List<String> retain = p.list("RetainResources");
        if (!retain.isEmpty() && !s.status().equals("DELETE_FAILED")) {
            throw AwsException.validation("Invalid operation on stack [" + s.id()
                    + "]. RetainResources is only allowed for stacks in DELETE_FAILED state.");
        }
        Principal actingAs = permissions.actingAs(c, s.roleArn());
        engine.delete(s, actingAs, p.get("ClientRequestToken"), Set.copyOf(retain));
    }

    void updateTerminationProtection(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        String enable = p.required("EnableTerminationProtection");
        Stack s = lookup.stack(c, name);
        permissions.authorize(c, "cloudformation:UpdateTerminationProtection", s.id());
        engine.terminationProtection(s, Boolean.parseBoolean(enable));
        x.leaf("StackId", s.id());
    }
}
