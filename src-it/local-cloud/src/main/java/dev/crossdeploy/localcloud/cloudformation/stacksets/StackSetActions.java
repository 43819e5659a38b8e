package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.Tag;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** CreateStackSet, UpdateStackSet, DescribeStackSet, ListStackSets and DeleteStackSet: stack sets as a whole. */
final class StackSetActions {
    private final StackSetHost host;
    private final StackSetRegistry registry;
    private final StackSetPermissions permissions;
    private final OperationStarter starter;

    StackSetActions(StackSetHost host, StackSetRegistry registry, StackSetPermissions permissions, OperationStarter starter) {
        this.host = host;
        this.registry = registry;
        this.permissions = permissions;
        this.starter = starter;
    }

    void createStackSet(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackSetName");
        String region = host.region().get();
        permissions.authorize(c, "cloudformation:CreateStackSet", StackSetPermissions.arnPattern(c, region, name));
        checkName(name);
        String model = p.get("PermissionModel", "SELF_MANAGED");
        if (!model.equals("SELF_MANAGED")) {
            if (!model.equals("SERVICE_MANAGED")) {
                throw StackSetErrors.constraint(model, "permissionModel", "Member must satisfy enum value set: [SERVICE_MANAGED, SELF_MANAGED]");
            }
            throw AwsException.validation("The local cloud supports SELF_MANAGED stack sets only: SERVICE_MANAGED needs AWS Organizations.");
        }
        String token = p.get("ClientRequestToken");
        var existing = registry.find(c.accountId(), region, name);
        if (existing.isPresent()) {
            if (token != null && token.equals(existing.get().creationToken)) {
                x.leaf("StackSetId", existing.get().id);
                return;
            }
            throw StackSetErrors.alreadyExists(name);
        }
        Template t = host.templates().apply(p);
        List<String> capabilities = checkedCapabilities(p, t);
        StackSet set = new StackSet(name, name + ":" + UUID.randomUUID(), c.accountId(), region, host.state().clock().instant());
        set.creationToken = token;
        set.description = p.get("Description", t.description());
        set.template = t;
        set.parameters = ParameterList.values(p.structs("Parameters"), Map.of());
        set.capabilities = capabilities;
        set.tags = tags(p);
        set.administrationRoleArn = p.get("AdministrationRoleARN",
                "arn:aws:iam::" + c.accountId() + ":role/" + StackSet.DEFAULT_ADMINISTRATION_ROLE);
        set.executionRoleName = p.get("ExecutionRoleName", StackSet.DEFAULT_EXECUTION_ROLE);
        if (!registry.add(set)) throw StackSetErrors.alreadyExists(name);
        x.leaf("StackSetId", set.id);
    }

    void updateStackSet(QueryParams p, Principal c, Xml x) {
        StackSet set = registry.get(c.accountId(), host.region().get(), p.required("StackSetName"));
        permissions.authorize(c, "cloudformation:UpdateStackSet", set.arn);
        Template t = template(p, set);
        List<String> capabilities = checkedCapabilities(p, t);
        Map<String, String> values = ParameterList.values(p.structs("Parameters"), set.parameters);
        List<Tag> tags = p.has("Tags") || !p.structs("Tags").isEmpty() ? tags(p) : set.tags;
        List<OperationStarter.Target> targets = targets(p, set);
        String id = starter.start(set, "UPDATE", p, null, targets, () -> {
            set.template = t;
            set.capabilities = capabilities;
            set.parameters = values;
            set.tags = tags;
            if (p.has("Description")) set.description = p.get("Description");
            if (p.has("AdministrationRoleARN")) set.administrationRoleArn = p.get("AdministrationRoleARN");
            if (p.has("ExecutionRoleName")) set.executionRoleName = p.get("ExecutionRoleName");
            // Instances the operation does not reach no longer match the set.
            set.instances().forEach(i -> i.status = i.status.equals("INOPERABLE") ? i.status : "OUTDATED");
        });
        x.leaf("OperationId", id);
    }

    void describeStackSet(QueryParams p, Principal c, Xml x) {
        StackSet set = registry.get(c.accountId(), host.region().get(), p.required("StackSetName"));
        permissions.authorize(c, "cloudformation:DescribeStackSet", set.arn);
        StackSetXml.stackSet(x, set);
    }

    void listStackSets(QueryParams p, Principal c, Xml x) {
        permissions.authorize(c, "cloudformation:ListStackSets", "*");
        String status = p.get("Status");
        x.open("Summaries");
        for (StackSet s : registry.all(c.accountId(), host.region().get())) {
            if (status == null || status.equals(s.status)) StackSetXml.stackSetSummary(x, s);
        }
        x.close();
    }

    void deleteStackSet(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackSetName");
        String region = host.region().get();
        var found = registry.find(c.accountId(), region, name);
        permissions.authorize(c, "cloudformation:DeleteStackSet",
                found.map(s -> s.arn).orElse(StackSetPermissions.arnPattern(c, region, name)));
        if (found.isEmpty()) return;
        StackSet set = found.get();
        synchronized (set) {
            if (set.busy()) throw StackSetErrors.inProgress(set.arn);
            if (set.hasInstances()) throw StackSetErrors.notEmpty();
            set.status = "DELETED";
            registry.remove(set);
        }
    }

    /** The accounts and regions an UpdateStackSet reaches: those given (they must be instances), or all instances. */
    private static List<OperationStarter.Target> targets(QueryParams p, StackSet set) {
        List<String> accounts = p.list("Accounts");
        List<String> regions = p.list("Regions");
        List<OperationStarter.Target> out = new ArrayList<>();
        if (accounts.isEmpty() && regions.isEmpty()) {
            // INOPERABLE instances are left out of further updates, as in CloudFormation.
            set.instances().stream().filter(i -> !i.status.equals("INOPERABLE"))
                    .forEach(i -> out.add(new OperationStarter.Target(i.account, i.region)));
            return out;
        }
        for (String region : regions) {
            for (String account : accounts) {
                set.instance(account, region).orElseThrow(() -> StackSetErrors.instanceNotFound(set.name, account, region));
                out.add(new OperationStarter.Target(account, region));
            }
        }
        return out;
    }

    private Template template(QueryParams p, StackSet set) {
        if (!p.bool("UsePreviousTemplate", false)) return host.templates().apply(p);
        if (p.has("TemplateBody") || p.has("TemplateURL")) {
            throw AwsException.validation("Specify exactly one of TemplateBody, TemplateURL or UsePreviousTemplate.");
        }
        return set.template;
    }

    private List<String> checkedCapabilities(QueryParams p, Template t) {
        List<String> caps = p.list("Capabilities");
        List<String> missing = host.missingCapabilities().apply(t, caps);
        if (!missing.isEmpty()) {
            throw new AwsException(400, "InsufficientCapabilitiesException", "Requires capabilities : " + missing);
        }
        return caps;
    }

    private static List<Tag> tags(QueryParams p) {
        List<Tag> tags = new ArrayList<>();
        for (Map<String, String> m : p.structs("Tags")) tags.add(new Tag(m.get("Key"), m.get("Value")));
        return List.copyOf(tags);
    }

    private static void checkName(String name) {
        if (name.length() > 128) {
            throw StackSetErrors.constraint(name, "stackSetName", "Member must have length less than or equal to 128");
        }
        if (!name.matches("[a-zA-Z][-a-zA-Z0-9]*")) {
            throw StackSetErrors.constraint(name, "stackSetName",
                    "Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
    }
}
