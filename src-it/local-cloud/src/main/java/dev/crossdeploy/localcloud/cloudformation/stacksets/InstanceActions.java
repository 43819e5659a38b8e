package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateStackInstances, UpdateStackInstances and DeleteStackInstances (each an operation over
 * accounts × regions), ListStackInstances and DescribeStackInstance.
 */
final class InstanceActions {
    private final StackSetHost host;
    private final StackSetRegistry registry;
    private final StackSetPermissions permissions;
    private final OperationStarter starter;

    InstanceActions(StackSetHost host, StackSetRegistry registry, StackSetPermissions permissions, OperationStarter starter) {
        this.host = host;
        this.registry = registry;
        this.permissions = permissions;
        this.starter = starter;
    }

    void createStackInstances(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:CreateStackInstances");
        List<OperationStarter.Target> targets = targets(p);
        List<Map<String, String>> overrides = p.structs("ParameterOverrides");
        String id = starter.start(set, "CREATE", p, null, targets, () -> {
            if (overrides.isEmpty()) return;
            for (OperationStarter.Target t : targets) {
                StackInstance i = set.instanceFor(t.account(), t.region());
                i.overrides = ParameterList.values(overrides, i.overrides);
            }
        });
        x.leaf("OperationId", id);
    }

    void updateStackInstances(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:UpdateStackInstances");
        List<OperationStarter.Target> targets = targets(p);
        for (OperationStarter.Target t : targets) {
            set.instance(t.account(), t.region())
                    .orElseThrow(() -> StackSetErrors.instanceNotFound(set.name, t.account(), t.region()));
        }
        // Without ParameterOverrides every instance keeps its overrides; with a list, the list is the new overrides.
        boolean replace = p.asMap().keySet().stream().anyMatch(k -> k.startsWith("ParameterOverrides"));
        List<Map<String, String>> overrides = p.structs("ParameterOverrides");
        String id = starter.start(set, "UPDATE", p, null, targets, () -> {
            if (!replace) return;
            for (OperationStarter.Target t : targets) {
                StackInstance i = set.instanceFor(t.account(), t.region());
                i.overrides = ParameterList.values(overrides, i.overrides);
            }
        });
        x.leaf("OperationId", id);
    }

    void deleteStackInstances(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:DeleteStackInstances");
        String retain = p.required("RetainStacks");
        List<OperationStarter.Target> targets = targets(p);
        String id = starter.start(set, "DELETE", p, Boolean.parseBoolean(retain), targets, () -> {});
        x.leaf("OperationId", id);
    }

    void listStackInstances(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:ListStackInstances");
        String account = p.get("StackInstanceAccount");
        String region = p.get("StackInstanceRegion");
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map<String, String> f : p.structs("Filters")) filters.put(f.get("Name"), f.get("Values"));
        x.open("Summaries");
        for (StackInstance i : set.instances()) {
            if (account != null && !account.equals(i.account)) continue;
            if (region != null && !region.equals(i.region)) continue;
            if (!matches(filters, i)) continue;
            StackSetXml.instance(x, "member", set, i, false);
        }
        x.close();
    }

    void describeStackInstance(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:DescribeStackInstance");
        String account = p.required("StackInstanceAccount");
        String region = p.required("StackInstanceRegion");
        StackInstance i = set.instance(account, region)
                .orElseThrow(() -> StackSetErrors.instanceNotFound(set.name, account, region));
        StackSetXml.instance(x, "StackInstance", set, i, true);
    }

    private StackSet set(QueryParams p, Principal c, String action) {
        StackSet set = registry.get(c.accountId(), host.region().get(), p.required("StackSetName"));
        permissions.authorize(c, action, set.arn);
        return set;
    }

    private static boolean matches(Map<String, String> filters, StackInstance i) {
        String detailed = filters.get("DETAILED_STATUS");
        String operation = filters.get("LAST_OPERATION_ID");
        return (detailed == null || detailed.equals(i.detailedStatus))
                && (operation == null || operation.equals(i.lastOperationId));
    }

    /** Every account in every region, checked as CloudFormation checks them. */
    private static List<OperationStarter.Target> targets(QueryParams p) {
        List<String> regions = p.list("Regions");
        if (regions.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'regions' failed to satisfy constraint: Member must not be null");
        }
        List<String> accounts = p.list("Accounts");
        if (accounts.isEmpty()) {
            if (p.asMap().keySet().stream().anyMatch(k -> k.startsWith("DeploymentTargets"))) {
                throw AwsException.validation("The local cloud supports SELF_MANAGED stack sets only: give Accounts, not DeploymentTargets.");
            }
            throw AwsException.validation("Either Accounts or DeploymentTargets must be specified.");
        }
        for (String a : accounts) {
            if (!a.matches("[0-9]{12}")) {
                throw StackSetErrors.constraint(a, "accounts", "Member must satisfy regular expression pattern: ^[0-9]{12}$");
            }
        }
        List<OperationStarter.Target> out = new ArrayList<>();
        for (String r : regions) for (String a : accounts) out.add(new OperationStarter.Target(a, r));
        return out;
    }
}
