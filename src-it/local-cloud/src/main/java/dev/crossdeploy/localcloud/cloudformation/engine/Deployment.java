package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.template.DependencyGraph;
import dev.crossdeploy.localcloud.cloudformation.template.Intrinsics;
import dev.crossdeploy.localcloud.cloudformation.template.OutputDecl;
import dev.crossdeploy.localcloud.cloudformation.template.ResourceDecl;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateException;
import dev.crossdeploy.localcloud.http.AwsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One execution of a change set: creates or updates the stack's resources in dependency order,
 * replaces what must be replaced, cleans up, and rolls back (restoring the previous definition)
 * when something fails.
 */
final class Deployment {
    final StackEngine engine;
    final ChangeSet cs;
    final Stack s;
    final Principal actingAs;
    final String token;
    final boolean create;
    boolean disableRollback;
    final Template oldTemplate;
    final Map<String, String> oldParameters;
    final Set<String> oldNoEcho;
    final List<Tag> oldTags;
    final List<String> oldCapabilities;
    final List<Output> oldOutputs;
    final String oldDescription;
    final Set<String> oldImports;
    final String oldRoleArn;
    final List<String> oldNotificationArns;
    final Map<String, StackResource> oldResources = new LinkedHashMap<>();
    final Map<String, StackResource> replaced = new ConcurrentHashMap<>();
    final Map<String, StackResource> updated = new ConcurrentHashMap<>();
    final Set<String> created = ConcurrentHashMap.newKeySet();
    final Set<String> failedCreate = ConcurrentHashMap.newKeySet();
    final Set<String> failedUpdate = ConcurrentHashMap.newKeySet();
    StackResolver resolver;

    Deployment(StackEngine engine, ChangeSet cs, Principal actingAs, String token, boolean create) {
        this.engine = engine;
        this.cs = cs;
        this.s = cs.stack;
        this.actingAs = actingAs;
        this.token = token;
        this.create = create;
        oldTemplate = s.template;
        oldParameters = s.parameters;
        oldNoEcho = s.noEcho;
        oldTags = s.tags;
        oldCapabilities = s.capabilities;
        oldOutputs = s.outputs;
        oldDescription = s.description;
        oldImports = s.imports;
        oldRoleArn = s.roleArn;
        oldNotificationArns = s.notificationArns;
        s.resources().forEach(r -> oldResources.put(r.logicalId(), r));
    }

    /** The stack shows the new definition while the operation runs. */
    void adopt() {
        s.template = cs.template;
        s.parameters = cs.parameters;
        s.noEcho = StackEngine.noEchoOf(cs.template);
        s.tags = cs.tags;
        s.capabilities = cs.capabilities;
        s.description = cs.template.description();
        s.notificationArns = cs.notificationArns;
        if (cs.roleArn != null) s.roleArn = cs.roleArn;
    }

    void restore() {
        s.template = oldTemplate;
        s.parameters = oldParameters;
        s.noEcho = oldNoEcho;
        s.tags = oldTags;
        s.capabilities = oldCapabilities;
        s.description = oldDescription;
        s.outputs = oldOutputs;
        s.imports = oldImports;
        s.roleArn = oldRoleArn;
        s.notificationArns = oldNotificationArns;
    }

    void run() {
        try {
            deploy();
        } catch (RuntimeException e) {
            engine.stackStatus(s, create ? "CREATE_FAILED" : "UPDATE_ROLLBACK_FAILED", "Internal failure: " + e.getMessage(), token);
            finish(false);
        }
    }

    private void deploy() {
        Template t = cs.template;
        resolver = new StackResolver(t, cs.parameters, s, cs.notificationArns, s::resource, this::exportValue, false);
        Set<String> active;
        try {
            active = resolver.active();
        } catch (TemplateException e) {
            fail(e.getMessage());
            return;
        }
        String missing = missingImport(t, active);
        if (missing != null) {
            fail("No export named " + missing + " found.");
            return;
        }
        List<String> order = ChangeSetPlanner.order(t, active);
        GraphRunner.Result result = GraphRunner.run(engine.pool, order, new DependencyGraph(t, active).dependencies(),
                this::step, true);
        if (!result.ok()) {
            List<String> parts = new ArrayList<>();
            List<String> fc = order.stream().filter(failedCreate::contains).toList();
            List<String> fu = order.stream().filter(failedUpdate::contains).toList();
            if (!fc.isEmpty()) parts.add("The following resource(s) failed to create: " + fc + ".");
            if (!fu.isEmpty()) parts.add("The following resource(s) failed to update: " + fu + ".");
            if (parts.isEmpty()) parts.add("Resource provisioning was cancelled.");
            fail(String.join(" ", parts));
            return;
        }
        List<Output> outputs;
        try {
            outputs = outputs(t);
        } catch (TemplateException e) {
            fail(e.getMessage());
            return;
        }
        String exportProblem = exportProblem(outputs);
        if (exportProblem != null) {
            fail(exportProblem);
            return;
        }
        synchronized (engine.store) {
            Map<String, StackStore.Export> exports = engine.store.exports(s.accountId, s.region);
            exports.values().removeIf(e -> e.stackId().equals(s.id));
            for (Output o : outputs) {
                if (o.exportName() != null) {
                    exports.put(o.exportName(), new StackStore.Export(o.exportName(), o.value(), s.id, s.name));
                }
            }
            s.outputs = outputs;
            s.imports = StackEngine.importsOf(t, active);
        }
        if (create) {
            engine.stackStatus(s, "CREATE_COMPLETE", null, token);
            finish(true);
            return;
        }
        engine.stackStatus(s, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null, token);
        Deletions toDelete = new Deletions();
        replaced.forEach((id, old) -> toDelete.add(id, old, cs.template.resources().get(id).retainOnReplace()));
        for (StackResource old : oldResources.values()) {
            if (!active.contains(old.logicalId())) toDelete.add(old.logicalId(), old, old.decl.retainOnDelete());
        }
        engine.deleteAll(s, toDelete, oldTemplate, actingAs, token);
        for (StackResource old : oldResources.values()) {
            if (!active.contains(old.logicalId())) s.removeResource(old.logicalId());
        }
        engine.stackStatus(s, "UPDATE_COMPLETE", null, token);
        finish(true);
    }

    private GraphRunner.Outcome step(String id, GraphRunner.Cancel cancel) {
        ResourceDecl decl = cs.template.resources().get(id);
        ResourceHandler handler = engine.registry().handler(decl.type()).orElseThrow();
        StackResource old = create ? null : oldResources.get(id);
        if (old == null || old.physicalId() == null) return createStep(decl, handler, cancel);
        return updateStep(decl, handler, old, cancel);
    }

    private GraphRunner.Outcome createStep(ResourceDecl decl, ResourceHandler handler, GraphRunner.Cancel cancel) {
        String id = decl.logicalId();
        s.putResource(new StackResource(decl, Map.of(), null, "CREATE_IN_PROGRESS", engine.now()));
        engine.resourceEvent(s, decl, null, "CREATE_IN_PROGRESS", null, token);
        ProvisionResult result;
        Map<String, Object> props;
        try {
            props = resolver.evalMap(decl.properties());
            StackEngine.validate(decl, handler, props);
            result = StackEngine.guarded(() -> handler.create(engine.ctx(s, id, actingAs), props));
        } catch (ResourceFailure | TemplateException | AwsException | StackEngine.InternalFailure e) {
            return failed("CREATE", decl, null, e.getMessage());
        }
        StackResource r = new StackResource(decl, props, result, "CREATE_IN_PROGRESS", engine.now());
        s.putResource(r);
        created.add(id);
        engine.resourceEvent(s, decl, result.physicalId(), "CREATE_IN_PROGRESS", "Resource creation Initiated", token);
        return settle(decl, result.physicalId(), cancel, "CREATE");
    }

    private GraphRunner.Outcome updateStep(ResourceDecl decl, ResourceHandler handler, StackResource old,
                                           GraphRunner.Cancel cancel) {
        String id = decl.logicalId();
        Map<String, Object> props;
        try {
            props = resolver.evalMap(decl.properties());
        } catch (TemplateException e) {
            return failed("UPDATE", decl, old.physicalId(), e.getMessage());
        }
        Set<String> changed = Canonical.changedKeys(old.properties, props);
        if (changed.isEmpty()) {
            if (retagged(handler)) return retag(decl, old, cancel);
            StackResource same = new StackResource(decl, old.properties, old.result, old.status, old.updated);
            same.reason = old.reason;
            s.putResource(same);
            return GraphRunner.Outcome.DONE;
        }
        boolean replace = changed.stream().anyMatch(k -> handler.recreation(k) == ResourceHandler.RequiresRecreation.ALWAYS);
        if (replace) return replaceStep(decl, handler, old, props, cancel);
        engine.resourceEvent(s, decl, old.physicalId(), "UPDATE_IN_PROGRESS", null, token);
        ProvisionResult result;
        try {
            StackEngine.validate(decl, handler, props);
            result = StackEngine.guarded(() -> handler.update(engine.ctx(s, id, actingAs), old.result, old.properties, props));
        } catch (ResourceFailure | TemplateException | AwsException | StackEngine.InternalFailure e) {
            return failed("UPDATE", decl, old.physicalId(), e.getMessage());
        }
        updated.put(id, old);
        s.putResource(new StackResource(decl, props, result, "UPDATE_IN_PROGRESS", engine.now()));
        return settle(decl, result.physicalId(), cancel, "UPDATE");
    }

    /** Whether the stack's tags changed and this resource's type carries them. */
    private boolean retagged(ResourceHandler handler) {
        return !create && handler.taggable()
                && !Canonical.same(ChangeSetPlanner.tagMap(oldTags), ChangeSetPlanner.tagMap(cs.tags));
    }

    /** A resource whose only change is the stack's tags: updated in place, with its events, as CloudFormation does. */
    private GraphRunner.Outcome retag(ResourceDecl decl, StackResource old, GraphRunner.Cancel cancel) {
        engine.resourceEvent(s, decl, old.physicalId(), "UPDATE_IN_PROGRESS", null, token);
        s.putResource(new StackResource(decl, old.properties, old.result, "UPDATE_IN_PROGRESS", engine.now()));
        return settle(decl, old.physicalId(), cancel, "UPDATE");
    }

    private GraphRunner.Outcome replaceStep(ResourceDecl decl, ResourceHandler handler, StackResource old,
                                            Map<String, Object> props, GraphRunner.Cancel cancel) {
        String id = decl.logicalId();
        if (StackEngine.customNamed(handler, old.properties, props)) {
            return failed("UPDATE", decl, old.physicalId(),
                    "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
                            + old.physicalId() + " and update the stack again.");
        }
        engine.resourceEvent(s, decl, old.physicalId(), "UPDATE_IN_PROGRESS",
                "Requested update requires the creation of a new physical resource; hence creating one.", token);
        ProvisionResult result;
        try {
            StackEngine.validate(decl, handler, props);
            result = StackEngine.guarded(() -> handler.create(engine.ctx(s, id, actingAs), props));
        } catch (ResourceFailure | TemplateException | AwsException | StackEngine.InternalFailure e) {
            return failed("UPDATE", decl, old.physicalId(), e.getMessage());
        }
        replaced.put(id, old);
        s.putResource(new StackResource(decl, props, result, "UPDATE_IN_PROGRESS", engine.now()));
        engine.resourceEvent(s, decl, result.physicalId(), "UPDATE_IN_PROGRESS", "Resource creation Initiated", token);
        return settle(decl, result.physicalId(), cancel, "UPDATE");
    }

    /**
     * Records a resource whose create or update failed: its failed event, and its place among the
     * failures the stack's status reason names.
     *
     * @param operation "CREATE" or "UPDATE", the prefix of the event's status
     */
    private GraphRunner.Outcome failed(String operation, ResourceDecl decl, String physicalId, String reason) {
        ("CREATE".equals(operation) ? failedCreate : failedUpdate).add(decl.logicalId());
        engine.resourceEvent(s, decl, physicalId, operation + "_FAILED", reason, token);
        return GraphRunner.Outcome.FAILED;
    }

    /**
     * Waits out the cloud's resource delay, which models stabilization (express mode does not
     * wait for it); true when cancelled meanwhile. The delay is read again while waiting, so a
     * test that holds an operation with a long delay can let it finish by shortening the delay.
     */
    private boolean stabilizing(GraphRunner.Cancel cancel) {
        long started = System.nanoTime();
        while (true) {
            long left = (cs.express() ? 0 : engine.delayMillis()) - (System.nanoTime() - started) / 1_000_000;
            if (left <= 0) return false;
            if (cancel.await(Math.min(left, 20))) return true;
        }
    }

    /**
     * Lets a provisioned resource take the cloud's resource delay, then completes it, or fails it
     * as cancelled when another resource failed meanwhile.
     *
     * @param operation "CREATE" or "UPDATE", the prefix of the events' statuses
     */
    private GraphRunner.Outcome settle(ResourceDecl decl, String physicalId, GraphRunner.Cancel cancel, String operation) {
        if (stabilizing(cancel) || cancel.cancelled()) {
            String reason = "CREATE".equals(operation) ? "Resource creation cancelled" : "Resource update cancelled";
            engine.resourceEvent(s, decl, physicalId, operation + "_FAILED", reason, token);
            return GraphRunner.Outcome.CANCELLED;
        }
        engine.resourceEvent(s, decl, physicalId, operation + "_COMPLETE", null, token);
        return GraphRunner.Outcome.DONE;
    }

    /** Rolls back after a failure whose stack-level reason is {@code reason}. */
    private void fail(String reason) {
        if (disableRollback || create && "DO_NOTHING".equals(cs.onStackFailure)) {
            s.outputs = create ? List.of() : s.outputs;
            engine.stackStatus(s, create ? "CREATE_FAILED" : "UPDATE_FAILED", reason, token);
            finish(false);
            return;
        }
        if (create) {
            engine.stackStatus(s, "ROLLBACK_IN_PROGRESS", (reason.endsWith(".") ? reason : reason + ".") + " Rollback requested by user.", token);
            Deletions toDelete = new Deletions();
            for (StackResource r : s.resources()) {
                // Not retainOnDelete(): RetainExceptOnCreate resources go when the create that made them rolls back.
                toDelete.add(r.logicalId(), r, "Retain".equals(r.decl.deletionPolicy()) || "Snapshot".equals(r.decl.deletionPolicy()));
            }
            boolean ok = engine.deleteAll(s, toDelete, cs.template, actingAs, token);
            s.outputs = List.of();
            engine.stackStatus(s, ok ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED", ok ? null : "The following resource(s) failed to delete: "
                    + StackEngine.failedDeletes(toDelete.resources()) + ". ", token);
            finish(false);
            if (ok && "DELETE".equals(cs.onStackFailure)) engine.delete(s, actingAs, token, Set.of());
            return;
        }
        engine.stackStatus(s, "UPDATE_ROLLBACK_IN_PROGRESS", reason, token);
        boolean ok = true;
        for (var e : updated.entrySet()) {
            StackResource current = s.resource(e.getKey());
            StackResource old = e.getValue();
            ResourceHandler handler = engine.registry().handler(old.type()).orElseThrow();
            engine.resourceEvent(s, current.decl, current.physicalId(), "UPDATE_IN_PROGRESS", null, token);
            try {
                ProvisionResult back = handler.update(engine.ctx(s, old.logicalId(), actingAs), current.result,
                        current.properties, old.properties);
                StackResource restored = new StackResource(old.decl, old.properties, back, "UPDATE_IN_PROGRESS", engine.now());
                s.putResource(restored);
                engine.resourceEvent(s, old.decl, back.physicalId(), "UPDATE_COMPLETE", null, token);
            } catch (ResourceFailure | AwsException ex) {
                ok = false;
                engine.resourceEvent(s, current.decl, current.physicalId(), "UPDATE_FAILED", ex.getMessage(), token);
            } catch (RuntimeException ex) {
                ok = false;
                engine.resourceEvent(s, current.decl, current.physicalId(), "UPDATE_FAILED", "Internal Failure", token);
            }
        }
        Deletions toDelete = new Deletions();
        for (var e : replaced.entrySet()) {
            StackResource replacement = s.resource(e.getKey());
            StackResource old = e.getValue();
            toDelete.add(e.getKey(), replacement, false);
            s.putResource(old);
            engine.resourceEvent(s, old.decl, old.physicalId(), "UPDATE_COMPLETE", null, token);
        }
        for (String id : created) {
            if (!replaced.containsKey(id)) {
                StackResource r = s.resource(id);
                if (r != null) toDelete.add(id, r, false);
            }
        }
        for (String id : failedCreate) {
            StackResource r = s.resource(id);
            if (r != null && r.result == null) s.removeResource(id);
        }
        // Resources that only the new template had and whose create failed are forgotten;
        // the old template's resources are back in place.
        restore();
        if (!ok) {
            engine.stackStatus(s, "UPDATE_ROLLBACK_FAILED", "The following resource(s) failed to update: "
                    + updated.keySet().stream().filter(k -> "UPDATE_FAILED".equals(s.resource(k).status)).toList() + ".", token);
            finish(false);
            return;
        }
        engine.stackStatus(s, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null, token);
        engine.deleteAll(s, toDelete, cs.template, actingAs, token);
        for (String id : created) {
            if (!replaced.containsKey(id)) s.removeResource(id);
        }
        engine.stackStatus(s, "UPDATE_ROLLBACK_COMPLETE", null, token);
        finish(false);
    }

    private void finish(boolean success) {
        synchronized (s) {
            cs.executionStatus = success ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
            s.busy = false;
        }
    }

    private String exportValue(String name) {
        StackStore.Export e = engine.store.exports(s.accountId, s.region).get(name);
        return e == null ? null : e.value();
    }

    private String missingImport(Template t, Set<String> active) {
        for (String name : StackEngine.importsOf(t, active)) {
            if (exportValue(name) == null) return name;
        }
        return null;
    }

    private List<Output> outputs(Template t) {
        List<Output> out = new ArrayList<>();
        for (OutputDecl o : t.outputs().values()) {
            if (o.condition() != null && !resolver.condition(o.condition())) continue;
            Object v = resolver.intrinsics().eval(o.value());
            String desc = o.description() == null ? null : Intrinsics.text(resolver.intrinsics().eval(o.description()));
            String export = o.exportName() == null ? null : Intrinsics.text(resolver.intrinsics().eval(o.exportName()));
            out.add(new Output(o.key(), Intrinsics.text(v), desc, export));
        }
        return out;
    }

    private String exportProblem(List<Output> outputs) {
        Map<String, StackStore.Export> exports = engine.store.exports(s.accountId, s.region);
        Map<String, String> mine = new HashMap<>();
        for (Output o : outputs) {
            if (o.exportName() == null) continue;
            StackStore.Export e = exports.get(o.exportName());
            if (e != null && !e.stackId().equals(s.id)) {
                return "Export with name " + o.exportName() + " is already exported by stack " + e.stackName();
            }
            mine.put(o.exportName(), o.value());
        }
        for (StackStore.Export e : exports.values()) {
            if (!e.stackId().equals(s.id)) continue;
            List<String> users = engine.store.importers(s.accountId, s.region, e.name());
            users.remove(s.name);
            if (users.isEmpty()) continue;
            if (!mine.containsKey(e.name())) {
                return "Export " + e.name() + " cannot be deleted as it is in use by " + String.join(", ", users);
            }
            if (!mine.get(e.name()).equals(e.value())) {
                return "Cannot update export " + e.name() + " as it is in use by " + String.join(", ", users);
            }
        }
        return null;
    }
}
