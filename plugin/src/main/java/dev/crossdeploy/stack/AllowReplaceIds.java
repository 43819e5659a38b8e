package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks {@code crossdeploy.allowReplace} before the first write: every id must name a resource
 * of the template or, for a removal the user allows, of the deployed stack. An id in neither is
 * a typo that would otherwise leave the resource it meant unprotected.
 */
final class AllowReplaceIds {
    private AllowReplaceIds() {}

    static void requireKnown(Set<String> allowReplace, Template template, String stackName,
                             CloudFormationClient cfn, StackLookup lookup) {
        Set<String> unknown = new TreeSet<>(allowReplace);
        unknown.removeAll(template.resourceTypes().keySet());
        if (unknown.isEmpty()) return;
        lookup.find(stackName).ifPresent(stack -> unknown.removeAll(deployedIds(cfn, stack.stackId())));
        if (unknown.isEmpty()) return;
        throw new CrossdeployException("crossdeploy.allowReplace names " + String.join(", ", unknown)
                + ", which is not a resource of template " + template.path().getFileName()
                + " nor of the deployed stack"
                + "; use logical ids from the template's Resources: "
                + String.join(", ", new TreeSet<>(template.resourceTypes().keySet())) + ".");
    }

    private static Set<String> deployedIds(CloudFormationClient cfn, String stackId) {
        Set<String> ids = new LinkedHashSet<>();
        cfn.listStackResourcesPaginator(b -> b.stackName(stackId)).stackResourceSummaries().stream()
                .map(StackResourceSummary::logicalResourceId).forEach(ids::add);
        return ids;
    }
}
