package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.ChangeSet;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEngine;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.HashSet;
import java.util.Set;

/** DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet and ListChangeSets on existing change sets. */
final class ChangeSetActions {
    private final StackEngine engine;
    private final StackLookup lookup;
    private final Permissions permissions;

    ChangeSetActions(StackEngine engine, StackLookup lookup, Permissions permissions) {
        this.engine = engine;
        this.lookup = lookup;
        this.permissions = permissions;
    }

    void describeChangeSet(QueryParams p, Principal c, Xml x) {
        ChangeSet cs = lookup.changeSet(c, p);
        permissions.authorize(c, "cloudformation:DescribeChangeSet", cs.stack().id());
        Set<String> noEcho = new HashSet<>();
        cs.template().parameters().values().forEach(d -> { if (d.noEcho()) noEcho.add(d.name()); });
        StackXml.changeSet(x, cs, noEcho);
    }

    void executeChangeSet(QueryParams p, Principal c, Xml x) {
        String token = p.get("ClientRequestToken");
        ChangeSet cs;
        try {
            cs = lookup.changeSet(c, p);
        } catch (AwsException notFound) {
            // A retry of an execution that already happened, by name: same token, same answer.
            if (token == null || !notFound.code().equals("ChangeSetNotFound")) throw notFound;
            ChangeSet done = executedByName(c, p.get("StackName"), p.get("ChangeSetName"), token);
            if (done == null) throw notFound;
            permissions.authorize(c, "cloudformation:ExecuteChangeSet", done.stack().id());
            return;
        }
        Stack s = cs.stack();
        permissions.authorize(c, "cloudformation:ExecuteChangeSet", s.id());
        synchronized (s) {
            if (token != null && token.equals(cs.executedToken())) return;
            if (!cs.status().equals("CREATE_COMPLETE")) {
                throw new AwsException(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id()
                        + "] cannot be executed in its current status of [" + cs.status() + "]");
            }
            if (!cs.executionStatus().equals("AVAILABLE")) {
                throw new AwsException(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id()
                        + "] cannot be executed in its current execution status of [" + cs.executionStatus() + "]");
            }
            if (engine.busy(s)) {
                // ExecuteChangeSet reports a busy stack as InvalidChangeSetStatus (its API reference says so).
                throw new AwsException(400, "InvalidChangeSetStatus",
                        "Stack:" + s.id() + " is in " + s.status() + " state and can not be updated.");
            }
            String role = cs.roleArn() != null ? cs.roleArn() : s.roleArn();
            Principal actingAs = permissions.actingAs(c, role);
            engine.execute(cs, actingAs, token, p.bool("DisableRollback", false));
        }
    }

    void deleteChangeSet(QueryParams p, Principal c, Xml x) {
        ChangeSet cs = lookup.changeSet(c, p);
        permissions.authorize(c, "cloudformation:DeleteChangeSet", cs.stack().id());
        if (cs.executionStatus().equals("EXECUTE_IN_PROGRESS")) {
            throw new AwsException(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id()
                    + "] cannot be deleted in its current execution status of [EXECUTE_IN_PROGRESS]");
        }
        engine.deleteChangeSet(cs);
    }

    void listChangeSets(QueryParams p, Principal c, Xml x) {
        Stack s = lookup.stack(c, p.required("StackName"));
        permissions.authorize(c, "cloudformation:ListChangeSets", s.id());
        x.open("Summaries");
        s.changeSets().forEach(cs -> StackXml.changeSetSummary(x, cs));
        x.close();
    }

    private ChangeSet executedByName(Principal c, String stackName, String name, String token) {
        if (stackName == null) return null;
        return lookup.find(c, stackName).flatMap(s -> s.executedChangeSets().stream()
                .filter(cs -> cs.name().equals(name) && token.equals(cs.executedToken())).findFirst()).orElse(null);
    }
}
