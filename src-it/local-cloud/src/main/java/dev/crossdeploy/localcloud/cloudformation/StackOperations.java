package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEngine;
import dev.crossdeploy.localcloud.cloudformation.engine.StackOptions;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.List;
import java.util.Optional;

/**
 * CreateStack and UpdateStack: deploying a definition straight away, without a change set the
 * caller reviews. A retry with the ClientRequestToken of the operation the stack runs answers
 * with the same stack.
 */
final class StackOperations {
    private static final List<String> ON_FAILURE = List.of("DO_NOTHING", "ROLLBACK", "DELETE");

    private final StackEngine engine;
    private final StackLookup lookup;
    private final StackInput input;
    private final Permissions permissions;

    StackOperations(StackEngine engine, StackLookup lookup, StackInput input, Permissions permissions) {
        this.engine = engine;
        this.lookup = lookup;
        this.input = input;
        this.permissions = permissions;
    }

    void createStack(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        String token = p.get("ClientRequestToken");
        Optional<Stack> existing = lookup.find(c, name).filter(s -> !s.isDeleted());
        permissions.authorize(c, "cloudformation:CreateStack", existing.map(Stack::id).orElse(lookup.stackArnPattern(c, name)));
        if (existing.isPresent()) {
            if (token != null && token.equals(existing.get().operationToken())) {
                x.leaf("StackId", existing.get().id());
                return;
            }
            throw alreadyExists(name);
        }
        ChangeSetCreation.checkName(name, "stackName");
        String onFailure = p.get("OnFailure");
        if (onFailure != null && p.has("DisableRollback")) {
            throw AwsException.validation("Either DisableRollback or OnFailure can be specified, not both.");
        }
        if (onFailure != null && !ON_FAILURE.contains(onFailure)) {
            throw AwsException.validation("1 validation error detected: Value '" + onFailure
                    + "' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]");
        }
        Integer timeout = p.integer("TimeoutInMinutes");
        if (timeout != null && timeout < 1) {
            throw AwsException.validation("1 validation error detected: Value '" + timeout
                    + "' at 'timeoutInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        StackInput.Definition def = input.read(p, c, null);
        Stack stack = engine.newStack(c.accountId(), lookup.region(), name);
        StackOptions options = new StackOptions(onFailure, p.bool("DisableRollback", false),
                p.bool("EnableTerminationProtection", false), timeout, token);
        Principal actingAs = permissions.actingAs(c, def.roleArn());
        boolean created = engine.createStack(stack, def.template(), def.parameters(), def.tags(), def.capabilities(),
                def.roleArn(), def.notificationArns(), options, actingAs);
        if (!created) throw alreadyExists(name);
        x.leaf("StackId", stack.id());
    }

    void updateStack(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        String token = p.get("ClientRequestToken");
        Stack stack = lookup.find(c, name).filter(s -> !s.status().equals("REVIEW_IN_PROGRESS"))
                .orElseThrow(() -> AwsException.validation("Stack [" + name + "] does not exist"));
        permissions.authorize(c, "cloudformation:UpdateStack", stack.id());
        if (token != null && token.equals(stack.operationToken())) {
            x.leaf("StackId", stack.id());
            return;
        }
        if (engine.busy(stack) || !stack.isUpdatable()) {
            throw AwsException.validation("Stack:" + stack.id() + " is in " + stack.status() + " state and can not be updated.");
        }
        StackInput.Definition def = input.read(p, c, stack);
        String role = def.roleArn() != null ? def.roleArn() : stack.roleArn();
        Principal actingAs = permissions.actingAs(c, role);
        StackOptions options = new StackOptions(null, p.bool("DisableRollback", false), stack.terminationProtection(),
                stack.timeoutInMinutes(), token);
        engine.updateStack(stack, def.template(), def.parameters(), def.tags(), def.capabilities(), def.roleArn(),
                def.notificationArns(), options, actingAs);
        x.leaf("StackId", stack.id());
    }

    private static AwsException alreadyExists(String name) {
        return new AwsException(400, "AlreadyExistsException", "Stack [" + name + "] already exists");
    }
}
