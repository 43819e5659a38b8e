package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.List;

/** DescribeStackSetOperation, ListStackSetOperations and ListStackSetOperationResults. */
final class OperationActions {
    private final StackSetHost host;
    private final StackSetRegistry registry;
    private final StackSetPermissions permissions;

    OperationActions(StackSetHost host, StackSetRegistry registry, StackSetPermissions permissions) {
        this.host = host;
        this.registry = registry;
        this.permissions = permissions;
    }

    void describeStackSetOperation(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:DescribeStackSetOperation");
        StackSetXml.operation(x, operation(set, p));
    }

    void listStackSetOperations(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:ListStackSetOperations");
        x.open("Summaries");
        set.operations().forEach(op -> StackSetXml.operationSummary(x, op));
        x.close();
    }

    void listStackSetOperationResults(QueryParams p, Principal c, Xml x) {
        StackSet set = set(p, c, "cloudformation:ListStackSetOperationResults");
        StackSetOperation op = operation(set, p);
        List<String> statuses = p.structs("Filters").stream()
                .filter(f -> "OPERATION_RESULT_STATUS".equals(f.get("Name"))).map(f -> f.get("Values")).toList();
        x.open("Summaries");
        for (OperationResult r : op.results()) {
            if (statuses.isEmpty() || statuses.contains(r.status)) StackSetXml.result(x, r);
        }
        x.close();
    }

    private StackSet set(QueryParams p, Principal c, String action) {
        StackSet set = registry.get(c.accountId(), host.region().get(), p.required("StackSetName"));
        permissions.authorize(c, action, set.arn);
        return set;
    }

    private static StackSetOperation operation(StackSet set, QueryParams p) {
        String id = p.required("OperationId");
        return set.operation(id).orElseThrow(() -> StackSetErrors.operationNotFound(id));
    }
}
