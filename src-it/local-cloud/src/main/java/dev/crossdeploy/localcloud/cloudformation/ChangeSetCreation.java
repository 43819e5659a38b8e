package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.ChangeSet;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEngine;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CreateChangeSet: checks the request against the stack it targets (new or updatable), resolves
 * template, parameters, capabilities, role and tags, and plans the change set. A retry with the
 * same name, input and ClientToken answers with the change set it already made; another
 * ClientToken for that name is another request, refused.
 */
final class ChangeSetCreation {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]*");

    private final StackEngine engine;
    private final StackLookup lookup;
    private final StackInput input;
    private final Permissions permissions;

    ChangeSetCreation(StackEngine engine, StackLookup lookup, StackInput input, Permissions permissions) {
        this.engine = engine;
        this.lookup = lookup;
        this.input = input;
        this.permissions = permissions;
    }

    void createChangeSet(QueryParams p, Principal c, Xml x) {
        String stackName = p.required("StackName");
        String name = p.required("ChangeSetName");
        checkName(name, "changeSetName");
        String type = p.get("ChangeSetType", "UPDATE");
        if (!List.of("CREATE", "UPDATE").contains(type)) {
            if (type.equals("IMPORT")) throw AwsException.validation("ChangeSetType IMPORT is not supported by the local cloud");
            throw AwsException.validation("1 validation error detected: Value '" + type
                    + "' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value set: [IMPORT, UPDATE, CREATE]");
        }
        Optional<Stack> existing = lookup.find(c, stackName);
        String arn = existing.map(Stack::id).orElse(lookup.stackArnPattern(c, stackName));
        permissions.authorize(c, "cloudformation:CreateChangeSet", arn);
        Stack stack;
        boolean fresh = false;
        if (type.equals("CREATE")) {
            if (existing.isPresent() && !existing.get().status().equals("REVIEW_IN_PROGRESS")) {
                throw AwsException.validation("Stack [" + stackName + "] already exists and cannot be created again with the changeSet [" + name + "].");
            }
            if (existing.isEmpty()) checkName(stackName, "stackName");
            stack = existing.orElseGet(() -> engine.newStack(c.accountId(), lookup.region(), stackName));
            fresh = existing.isEmpty();
        } else {
            stack = existing.filter(s -> !s.status().equals("REVIEW_IN_PROGRESS"))
                    .orElseThrow(() -> AwsException.validation("Stack [" + stackName + "] does not exist"));
            if (engine.busy(stack) || !stack.isUpdatable()) {
                throw AwsException.validation("Stack:" + stack.id() + " is in " + stack.status() + " state and can not be updated.");
            }
        }
        Optional<ChangeSet> sameName = stack.changeSets().stream().filter(cs -> cs.name().equals(name)).findFirst();
        StackInput.Definition def = input.read(p, c, fresh ? null : stack);
        Template t = def.template();
        Map<String, String> values = def.parameters();
        String onStackFailure = p.get("OnStackFailure");
        if (onStackFailure != null && !List.of("ROLLBACK", "DO_NOTHING", "DELETE").contains(onStackFailure)) {
            throw AwsException.validation("1 validation error detected: Value '" + onStackFailure
                    + "' at 'onStackFailure' failed to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]");
        }
        String mode = p.get("DeploymentConfig.Mode");
        if (mode != null && !List.of("STANDARD", "EXPRESS").contains(mode)) {
            throw AwsException.validation("1 validation error detected: Value '" + mode
                    + "' at 'deploymentConfig.mode' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        if (sameName.isPresent()) {
            // A retried call with the same input gets the same change set; anything else conflicts.
            ChangeSet prior = sameName.get();
            String token = p.get("ClientToken");
            String mismatch = !prior.template().body().equals(t.body()) ? "Template"
                    : !prior.parameters().equals(values) ? "Parameters"
                    : token != null && prior.clientToken() != null && !token.equals(prior.clientToken()) ? "ClientToken" : null;
            if (mismatch != null) {
                throw new AwsException(400, "AlreadyExistsException", "ChangeSet " + name
                        + " cannot be created due to a mismatch with existing attribute " + mismatch);
            }
            x.leaf("Id", prior.id()).leaf("StackId", stack.id());
            return;
        }
        ChangeSet cs = engine.createChangeSet(stack, name, type, p.get("Description"), t, values, def.tags(),
                def.capabilities(), def.roleArn(), def.notificationArns(), onStackFailure);
        cs.clientToken(p.get("ClientToken"));
        cs.deploymentMode(mode);
        if (fresh) engine.register(stack);
        x.leaf("Id", cs.id()).leaf("StackId", stack.id());
    }

    static void checkName(String name, String field) {
        if (!NAME.matcher(name).matches() || name.length() > 128) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + (field.equals("stackName") ? "[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*" : "[a-zA-Z][-a-zA-Z0-9]*"));
        }
    }
}
