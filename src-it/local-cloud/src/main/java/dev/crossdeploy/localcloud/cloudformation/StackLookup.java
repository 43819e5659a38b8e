package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.ChangeSet;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackStore;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;

import java.util.List;
import java.util.Optional;

/**
 * Finds the caller's stacks and change sets in the request's region, failing with the
 * "does not exist" error each action answers with.
 */
final class StackLookup {
    private final StackStore store;
    private final RequestRegion region;

    StackLookup(StackStore store, RequestRegion region) {
        this.store = store;
        this.region = region;
    }

    String region() { return region.get(); }

    Optional<Stack> find(Principal c, String nameOrId) {
        return store.find(c.accountId(), region(), nameOrId);
    }

    List<Stack> all(Principal c) {
        return store.all(c.accountId(), region());
    }

    /** The stack, or the "Stack with id ... does not exist" error the describe and list actions answer with. */
    Stack describedStack(Principal c, String name) {
        return find(c, name)
                .orElseThrow(() -> AwsException.validation("Stack with id " + name + " does not exist"));
    }

    /** The stack, or the "Stack [...] does not exist" error the other actions answer with. */
    Stack stack(Principal c, String nameOrId) {
        return find(c, nameOrId)
                .orElseThrow(() -> AwsException.validation("Stack [" + nameOrId + "] does not exist"));
    }

    /** The ARN to authorize against for a stack that may not exist yet. */
    String stackArnPattern(Principal c, String name) {
        if (name.startsWith("arn:")) return name;
        return "arn:aws:cloudformation:" + region() + ":" + c.accountId() + ":stack/" + name + "/*";
    }

    /** A change set by ARN alone, or by name within its stack. */
    ChangeSet changeSet(Principal c, QueryParams p) {
        String name = p.required("ChangeSetName");
        String stackName = p.get("StackName");
        if (name.startsWith("arn:")) {
            for (Stack s : all(c)) {
                for (ChangeSet cs : s.changeSets()) {
                    if (cs.id().equals(name)) return cs;
                }
                for (ChangeSet cs : s.executedChangeSets()) {
                    if (cs.id().equals(name)) return cs;
                }
            }
            throw new AwsException(404, "ChangeSetNotFound", "ChangeSet [" + name + "] does not exist");
        }
        if (stackName == null) {
            throw AwsException.validation("StackName must be specified if ChangeSetName is not specified as an ARN.");
        }
        Stack s = stack(c, stackName);
        return s.changeSets().stream().filter(cs -> cs.name().equals(name)).findFirst()
                .orElseThrow(() -> new AwsException(404, "ChangeSetNotFound", "ChangeSet [" + name + "] does not exist"));
    }
}
