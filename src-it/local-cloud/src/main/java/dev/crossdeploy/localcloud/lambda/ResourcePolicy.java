package dev.crossdeploy.localcloud.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.PermissionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.iam.PolicyDocument;
import dev.crossdeploy.localcloud.iam.Wildcards;

import java.util.List;
import java.util.Optional;

/**
 * A function's resource-based policy, built from its {@code AWS::Lambda::Permission} records as
 * Lambda's AddPermission builds it: one statement per permission, on the function ARN qualified
 * as the permission's FunctionName was (a permission on an alias covers only that alias).
 */
final class ResourcePolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudState state;

    ResourcePolicy(CloudState state) { this.state = state; }

    private List<ResourceRecords.Entry> permissions(FunctionResolver.Reference ref) {
        return ResourceRecords.of(state).list(ref.accountId(), ref.region(), PermissionHandler.TYPE).stream()
                .filter(e -> FunctionResolver.parse(Values.string(e.properties(), "FunctionName"), null,
                        ref.accountId(), ref.region()).name().equals(ref.name()))
                .toList();
    }

    /** The statement's resource: the function ARN, qualified as the permission named it. */
    private static String resource(FunctionResolver.Reference ref, ResourceRecords.Entry permission) {
        String q = FunctionResolver.parse(Values.string(permission.properties(), "FunctionName"), null,
                ref.accountId(), ref.region()).qualifier();
        return q == null ? ref.functionArn() : ref.functionArn() + ":" + q;
    }

    /** Does a permission let the service principal invoke the ARN as given, for this source? */
    boolean allowsService(FunctionResolver.Reference ref, String servicePrincipal, String sourceArn, String sourceAccount) {
        for (ResourceRecords.Entry p : permissions(ref)) {
            var props = p.properties();
            if (!servicePrincipal.equals(Values.string(props, "Principal")) && !"*".equals(Values.string(props, "Principal"))) continue;
            String action = Values.string(props, "Action");
            if (!Wildcards.matchIgnoreCase(action, "lambda:InvokeFunction")) continue;
            if (!resource(ref, p).equals(ref.invokedArn())) continue;
            String arnCondition = Values.string(props, "SourceArn");
            if (arnCondition != null && (sourceArn == null || !Wildcards.match(arnCondition, sourceArn))) continue;
            String accountCondition = Values.string(props, "SourceAccount");
            if (accountCondition != null && !accountCondition.equals(sourceAccount)) continue;
            return true;
        }
        return false;
    }

    /** The policy as IAM evaluates it for callers from other accounts; empty without permissions. */
    Optional<PolicyDocument> document(FunctionResolver.Reference ref) {
        List<ResourceRecords.Entry> permissions = permissions(ref);
        if (permissions.isEmpty()) return Optional.empty();
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17").put("Id", "default");
        ArrayNode statements = doc.putArray("Statement");
        for (ResourceRecords.Entry p : permissions) {
            var props = p.properties();
            ObjectNode s = statements.addObject().put("Sid", p.physicalId()).put("Effect", "Allow");
            String principal = Values.string(props, "Principal");
            if ("*".equals(principal)) {
                s.put("Principal", "*");
            } else if (principal.endsWith(".amazonaws.com")) {
                s.putObject("Principal").put("Service", principal);
            } else {
                s.putObject("Principal").put("AWS", principal.matches("\\d{12}") ? "arn:aws:iam::" + principal + ":root" : principal);
            }
            s.put("Action", Values.string(props, "Action"));
            s.put("Resource", resource(ref, p));
        }
        return Optional.of(PolicyDocument.parse(doc.toString()));
    }
}
