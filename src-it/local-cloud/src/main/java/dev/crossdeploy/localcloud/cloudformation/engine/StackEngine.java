package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRegistry;
import dev.crossdeploy.localcloud.cloudformation.template.DependencyGraph;
import dev.crossdeploy.localcloud.cloudformation.template.Intrinsics;
import dev.crossdeploy.localcloud.cloudformation.template.OutputDecl;
import dev.crossdeploy.localcloud.cloudformation.template.References;
import dev.crossdeploy.localcloud.cloudformation.template.ResourceDecl;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateException;
import dev.crossdeploy.localcloud.http.AwsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;

/**
 * Runs stack operations in the background: creating and updating from a change set (with
 * replacement, cleanup and rollback) and deleting, emitting CloudFormation's events and statuses.
 */
public final class StackEngine {
    private static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private final CloudState state;
    private final ResourceRegistry registry;
    private final StackStore store;
    private final ExecutorService pool;

    public StackEngine(CloudState state, ResourceRegistry registry, StackStore store) {
        this.state = state;
        this.registry = registry;
        this.store = store;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cloudformation-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void shutdown() { pool.shutdownNow(); }

    public ResourceRegistry registry() { return registry; }

    Instant now() { return state.clock().instant(); }

    /** Sets the stack's status and records the stack's own event. */
    void stackStatus(Stack s, String status, String reason, String token) {
        s.status = status;
        s.statusReason = reason;
        s.event(s.name, s.id, STACK_TYPE, status, reason, now(), token);
    }

    private void resourceEvent(Stack s, ResourceDecl d, String physicalId, String status, String reason, String token) {
        StackResource r = s.resource(d.logicalId());
        if (r != null && (physicalId == null || physicalId.equals(r.physicalId()))) {
            r.status = status;
            r.reason = reason;
            r.updated = now();
        }
        s.event(d.logicalId(), physicalId, d.type(), status, reason, now(), token);
    }

    private ResourceContext ctx(Stack s, String logicalId, Principal actingAs) {
        return new ResourceContext(state, s.accountId, s.region, s.name, s.id, logicalId, actingAs);
    }

    // ---------------------------------------------------------------- stacks and change sets

    /** A stack object for a CREATE change set; it exists for others once {@link #register} is called. */
    public Stack newStack(String accountId, String region, String name) {
        String id = "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + name + "/" + UUID.randomUUID();
        Stack s = new Stack(id, name, accountId, region, now());
        s.status = "REVIEW_IN_PROGRESS";
        return s;
    }

    public void register(Stack s) {
        store.add(s);
        stackStatus(s, "REVIEW_IN_PROGRESS", "User Initiated", null);
    }

    /**
     * Plans a change set synchronously (template errors surface as {@link TemplateException}) and
     * settles its status in the background, as CloudFormation does.
     */
    public ChangeSet createChangeSet(Stack s, String name, String type, String description, Template template,
                                     Map<String, String> parameters, List<Tag> tags, List<String> capabilities,
                                     String roleArn, List<String> notificationArns) {
        String id = "arn:aws:cloudformation:" + s.region + ":" + s.accountId + ":changeSet/" + name + "/" + UUID.randomUUID();
        ChangeSet cs = new ChangeSet(id, name, type, s, now(), description, template, parameters, tags, capabilities,
                roleArn, notificationArns);
        boolean create = type.equals("CREATE");
        Map<String, StackResource> known = new HashMap<>();
        StackResolver resolver = new StackResolver(template, parameters, s, notificationArns, known::get,
                n -> {
                    StackStore.Export e = store.exports(s.accountId, s.region).get(n);
                    return e == null ? null : e.value();
                }, true);
        List<ResourceChange> changes = new ChangeSetPlanner(registry).plan(cs, resolver, known, create);
        boolean empty = !create && changes.isEmpty() && !definitionChanged(s, cs);
        cs.status = "CREATE_IN_PROGRESS";
        synchronized (s) {
            s.changeSets.put(name, cs);
        }
        pool.submit(() -> {
            cs.changes = List.copyOf(changes);
            if (empty) {
                cs.status = "FAILED";
                cs.executionStatus = "UNAVAILABLE";
                cs.statusReason = "The submitted information didn't contain changes. Submit different information to create a change set.";
            } else {
                cs.executionStatus = "AVAILABLE";
                cs.status = "CREATE_COMPLETE";
            }
        });
        return cs;
    }

    /** Changes besides resources: parameters, tags, outputs, description, notifications. */
    private static boolean definitionChanged(Stack s, ChangeSet cs) {
        return !s.parameters.equals(cs.parameters)
                || !Canonical.same(ChangeSetPlanner.tagMap(s.tags), ChangeSetPlanner.tagMap(cs.tags))
                || !Canonical.same(outputsOf(s.template), outputsOf(cs.template))
                || !java.util.Objects.equals(s.description, cs.template.description())
                || !s.notificationArns.equals(cs.notificationArns);
    }

    private static Map<String, Object> outputsOf(Template t) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (t == null) return out;
        t.outputs().forEach((k, o) -> out.put(k, java.util.Arrays.asList(o.value(), o.description(), o.exportName(), o.condition())));
        return out;
    }

    public void deleteChangeSet(ChangeSet cs) {
        synchronized (cs.stack) {
            cs.stack.changeSets.remove(cs.name);
        }
    }

    public void terminationProtection(Stack s, boolean enabled) { s.terminationProtection = enabled; }

    public void role(Stack s, String roleArn) { s.roleArn = roleArn; }

    public boolean busy(Stack s) { return s.busy; }

    // ---------------------------------------------------------------- deploy

    /**
     * Starts executing a change set whose stack is not busy; returns at once.
     *
     * @param disableRollback leave a failed operation as CREATE_FAILED / UPDATE_FAILED instead of rolling back
     */
    public void execute(ChangeSet cs, Principal actingAs, String token, boolean disableRollback) {
        Stack s = cs.stack;
        boolean create = s.status.equals("REVIEW_IN_PROGRESS");
        Deployment d = new Deployment(cs, actingAs, token, create);
        d.disableRollback = disableRollback;
        synchronized (s) {
            s.busy = true;
            cs.executionStatus = "EXECUTE_IN_PROGRESS";
            cs.executedToken = token;
            s.lastChangeSetId = cs.id;
            s.changeSets.values().removeIf(other -> other != cs);
            if (!create) s.lastUpdated = now();
            stackStatus(s, create ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", "User Initiated", token);
            d.adopt();
        }
        pool.submit(d::run);
    }

    /** One execution of a change set. */
    private final class Deployment {
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
        final Map<String, StackResource> oldResources = new LinkedHashMap<>();
        final Map<String, StackResource> replaced = new ConcurrentHashMap<>();
        final Map<String, StackResource> updated = new ConcurrentHashMap<>();
        final Set<String> created = ConcurrentHashMap.newKeySet();
        final Set<String> failedCreate = ConcurrentHashMap.newKeySet();
        final Set<String> failedUpdate = ConcurrentHashMap.newKeySet();
        StackResolver resolver;

        Deployment(ChangeSet cs, Principal actingAs, String token, boolean create) {
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
            s.resources().forEach(r -> oldResources.put(r.logicalId(), r));
        }

        /** The stack shows the new definition while the operation runs. */
        void adopt() {
            s.template = cs.template;
            s.parameters = cs.parameters;
            s.noEcho = noEchoOf(cs.template);
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
        }

        void run() {
            try {
                deploy();
            } catch (RuntimeException e) {
                stackStatus(s, create ? "CREATE_FAILED" : "UPDATE_ROLLBACK_FAILED", "Internal failure: " + e.getMessage(), token);
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
            GraphRunner.Result result = GraphRunner.run(pool, order, new DependencyGraph(t, active).dependencies(),
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
            synchronized (store) {
                Map<String, StackStore.Export> exports = store.exports(s.accountId, s.region);
                exports.values().removeIf(e -> e.stackId().equals(s.id));
                for (Output o : outputs) {
                    if (o.exportName() != null) {
                        exports.put(o.exportName(), new StackStore.Export(o.exportName(), o.value(), s.id, s.name));
                    }
                }
                s.outputs = outputs;
                s.imports = importsOf(t, active);
            }
            if (create) {
                stackStatus(s, "CREATE_COMPLETE", null, token);
                finish(true);
                return;
            }
            stackStatus(s, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null, token);
            Map<String, StackResource> toDelete = new LinkedHashMap<>();
            Map<String, Boolean> retain = new HashMap<>();
            replaced.forEach((id, old) -> {
                toDelete.put(id, old);
                retain.put(id, cs.template.resources().get(id).retainOnReplace());
            });
            for (StackResource old : oldResources.values()) {
                if (!active.contains(old.logicalId())) {
                    toDelete.put(old.logicalId(), old);
                    retain.put(old.logicalId(), old.decl.retainOnDelete());
                }
            }
            deleteAll(s, toDelete, retain, oldTemplate, actingAs, token);
            for (StackResource old : oldResources.values()) {
                if (!active.contains(old.logicalId())) s.removeResource(old.logicalId());
            }
            stackStatus(s, "UPDATE_COMPLETE", null, token);
            finish(true);
        }

        private GraphRunner.Outcome step(String id, GraphRunner.Cancel cancel) {
            ResourceDecl decl = cs.template.resources().get(id);
            ResourceHandler handler = registry.handler(decl.type()).orElseThrow();
            StackResource old = create ? null : oldResources.get(id);
            if (old == null || old.physicalId() == null) return createStep(decl, handler, cancel);
            return updateStep(decl, handler, old, cancel);
        }

        private GraphRunner.Outcome createStep(ResourceDecl decl, ResourceHandler handler, GraphRunner.Cancel cancel) {
            String id = decl.logicalId();
            s.putResource(new StackResource(decl, Map.of(), null, "CREATE_IN_PROGRESS", now()));
            resourceEvent(s, decl, null, "CREATE_IN_PROGRESS", null, token);
            ProvisionResult result;
            Map<String, Object> props;
            try {
                props = resolver.evalMap(decl.properties());
                validate(decl, handler, props);
                result = handler.create(ctx(s, id, actingAs), props);
            } catch (ResourceFailure | TemplateException | AwsException e) {
                failedCreate.add(id);
                resourceEvent(s, decl, null, "CREATE_FAILED", e.getMessage(), token);
                return GraphRunner.Outcome.FAILED;
            }
            StackResource r = new StackResource(decl, props, result, "CREATE_IN_PROGRESS", now());
            s.putResource(r);
            created.add(id);
            resourceEvent(s, decl, result.physicalId(), "CREATE_IN_PROGRESS", "Resource creation Initiated", token);
            if (cancel.await(state.resourceDelayMillis()) || cancel.cancelled()) {
                resourceEvent(s, decl, result.physicalId(), "CREATE_FAILED", "Resource creation cancelled", token);
                return GraphRunner.Outcome.CANCELLED;
            }
            resourceEvent(s, decl, result.physicalId(), "CREATE_COMPLETE", null, token);
            return GraphRunner.Outcome.DONE;
        }

        private GraphRunner.Outcome updateStep(ResourceDecl decl, ResourceHandler handler, StackResource old,
                                               GraphRunner.Cancel cancel) {
            String id = decl.logicalId();
            Map<String, Object> props;
            try {
                props = resolver.evalMap(decl.properties());
            } catch (TemplateException e) {
                failedUpdate.add(id);
                resourceEvent(s, decl, old.physicalId(), "UPDATE_FAILED", e.getMessage(), token);
                return GraphRunner.Outcome.FAILED;
            }
            Set<String> changed = Canonical.changedKeys(old.properties, props);
            if (changed.isEmpty()) {
                StackResource same = new StackResource(decl, old.properties, old.result, old.status, old.updated);
                same.reason = old.reason;
                s.putResource(same);
                return GraphRunner.Outcome.DONE;
            }
            boolean replace = changed.stream().anyMatch(k -> handler.recreation(k) == ResourceHandler.RequiresRecreation.ALWAYS);
            if (replace) return replaceStep(decl, handler, old, props, cancel);
            resourceEvent(s, decl, old.physicalId(), "UPDATE_IN_PROGRESS", null, token);
            ProvisionResult result;
            try {
                validate(decl, handler, props);
                result = handler.update(ctx(s, id, actingAs), old.result, old.properties, props);
            } catch (ResourceFailure | TemplateException | AwsException e) {
                failedUpdate.add(id);
                resourceEvent(s, decl, old.physicalId(), "UPDATE_FAILED", e.getMessage(), token);
                return GraphRunner.Outcome.FAILED;
            }
            updated.put(id, old);
            s.putResource(new StackResource(decl, props, result, "UPDATE_IN_PROGRESS", now()));
            if (cancel.await(state.resourceDelayMillis()) || cancel.cancelled()) {
                resourceEvent(s, decl, result.physicalId(), "UPDATE_FAILED", "Resource update cancelled", token);
                return GraphRunner.Outcome.CANCELLED;
            }
            resourceEvent(s, decl, result.physicalId(), "UPDATE_COMPLETE", null, token);
            return GraphRunner.Outcome.DONE;
        }

        private GraphRunner.Outcome replaceStep(ResourceDecl decl, ResourceHandler handler, StackResource old,
                                                Map<String, Object> props, GraphRunner.Cancel cancel) {
            String id = decl.logicalId();
            if (customNamed(handler, old.properties, props)) {
                failedUpdate.add(id);
                resourceEvent(s, decl, old.physicalId(), "UPDATE_FAILED",
                        "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
                                + old.physicalId() + " and update the stack again.", token);
                return GraphRunner.Outcome.FAILED;
            }
            resourceEvent(s, decl, old.physicalId(), "UPDATE_IN_PROGRESS",
                    "Requested update requires the creation of a new physical resource; hence creating one.", token);
            ProvisionResult result;
            try {
                validate(decl, handler, props);
                result = handler.create(ctx(s, id, actingAs), props);
            } catch (ResourceFailure | TemplateException | AwsException e) {
                failedUpdate.add(id);
                resourceEvent(s, decl, old.physicalId(), "UPDATE_FAILED", e.getMessage(), token);
                return GraphRunner.Outcome.FAILED;
            }
            replaced.put(id, old);
            s.putResource(new StackResource(decl, props, result, "UPDATE_IN_PROGRESS", now()));
            resourceEvent(s, decl, result.physicalId(), "UPDATE_IN_PROGRESS", "Resource creation Initiated", token);
            if (cancel.await(state.resourceDelayMillis()) || cancel.cancelled()) {
                resourceEvent(s, decl, result.physicalId(), "UPDATE_FAILED", "Resource update cancelled", token);
                return GraphRunner.Outcome.CANCELLED;
            }
            resourceEvent(s, decl, result.physicalId(), "UPDATE_COMPLETE", null, token);
            return GraphRunner.Outcome.DONE;
        }

        /** Rolls back after a failure whose stack-level reason is {@code reason}. */
        private void fail(String reason) {
            if (disableRollback) {
                s.outputs = create ? List.of() : s.outputs;
                stackStatus(s, create ? "CREATE_FAILED" : "UPDATE_FAILED", reason, token);
                finish(false);
                return;
            }
            if (create) {
                stackStatus(s, "ROLLBACK_IN_PROGRESS", (reason.endsWith(".") ? reason : reason + ".") + " Rollback requested by user.", token);
                Map<String, StackResource> toDelete = new LinkedHashMap<>();
                Map<String, Boolean> retain = new HashMap<>();
                for (StackResource r : s.resources()) {
                    toDelete.put(r.logicalId(), r);
                    retain.put(r.logicalId(), "Retain".equals(r.decl.deletionPolicy()) || "Snapshot".equals(r.decl.deletionPolicy()));
                }
                boolean ok = deleteAll(s, toDelete, retain, cs.template, actingAs, token);
                s.outputs = List.of();
                stackStatus(s, ok ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED", ok ? null : "The following resource(s) failed to delete: "
                        + failedDeletes(toDelete) + ". ", token);
                finish(false);
                return;
            }
            stackStatus(s, "UPDATE_ROLLBACK_IN_PROGRESS", reason, token);
            boolean ok = true;
            for (var e : updated.entrySet()) {
                StackResource current = s.resource(e.getKey());
                StackResource old = e.getValue();
                ResourceHandler handler = registry.handler(old.type()).orElseThrow();
                resourceEvent(s, current.decl, current.physicalId(), "UPDATE_IN_PROGRESS", null, token);
                try {
                    ProvisionResult back = handler.update(ctx(s, old.logicalId(), actingAs), current.result,
                            current.properties, old.properties);
                    StackResource restored = new StackResource(old.decl, old.properties, back, "UPDATE_IN_PROGRESS", now());
                    s.putResource(restored);
                    resourceEvent(s, old.decl, back.physicalId(), "UPDATE_COMPLETE", null, token);
                } catch (ResourceFailure | AwsException ex) {
                    ok = false;
                    resourceEvent(s, current.decl, current.physicalId(), "UPDATE_FAILED", ex.getMessage(), token);
                }
            }
            Map<String, StackResource> toDelete = new LinkedHashMap<>();
            Map<String, Boolean> retain = new HashMap<>();
            for (var e : replaced.entrySet()) {
                StackResource replacement = s.resource(e.getKey());
                StackResource old = e.getValue();
                toDelete.put(e.getKey(), replacement);
                retain.put(e.getKey(), false);
                s.putResource(old);
                resourceEvent(s, old.decl, old.physicalId(), "UPDATE_COMPLETE", null, token);
            }
            for (String id : created) {
                if (!replaced.containsKey(id)) {
                    StackResource r = s.resource(id);
                    if (r != null) {
                        toDelete.put(id, r);
                        retain.put(id, false);
                    }
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
                stackStatus(s, "UPDATE_ROLLBACK_FAILED", "The following resource(s) failed to update: "
                        + updated.keySet().stream().filter(k -> "UPDATE_FAILED".equals(s.resource(k).status)).toList() + ".", token);
                finish(false);
                return;
            }
            stackStatus(s, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null, token);
            deleteAll(s, toDelete, retain, cs.template, actingAs, token);
            for (String id : created) {
                if (!replaced.containsKey(id)) s.removeResource(id);
            }
            stackStatus(s, "UPDATE_ROLLBACK_COMPLETE", null, token);
            finish(false);
        }

        private void finish(boolean success) {
            synchronized (s) {
                cs.executionStatus = success ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
                s.busy = false;
            }
        }

        private String exportValue(String name) {
            StackStore.Export e = store.exports(s.accountId, s.region).get(name);
            return e == null ? null : e.value();
        }

        private String missingImport(Template t, Set<String> active) {
            for (String name : importsOf(t, active)) {
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
            Map<String, StackStore.Export> exports = store.exports(s.accountId, s.region);
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
                List<String> users = store.importers(s.accountId, s.region, e.name());
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

    private static void validate(ResourceDecl decl, ResourceHandler handler, Map<String, Object> props) throws ResourceFailure {
        var failure = handler.validationFailure(decl.logicalId(), props);
        if (failure.isPresent()) throw new ResourceFailure(failure.get());
    }

    /** A resource whose name the template sets cannot be replaced: the new one would need the same name. */
    private static boolean customNamed(ResourceHandler handler, Map<String, Object> before, Map<String, Object> after) {
        for (String key : after.keySet()) {
            if (key.endsWith("Name") && before.containsKey(key)
                    && handler.recreation(key) == ResourceHandler.RequiresRecreation.ALWAYS) {
                return true;
            }
        }
        return false;
    }

    static Set<String> noEchoOf(Template t) {
        Set<String> out = new LinkedHashSet<>();
        t.parameters().values().forEach(p -> { if (p.noEcho()) out.add(p.name()); });
        return out;
    }

    static Set<String> importsOf(Template t, Set<String> active) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : active) out.addAll(References.of(t.resources().get(id).properties()).imports);
        for (OutputDecl o : t.outputs().values()) out.addAll(References.of(o.value()).imports);
        return out;
    }

    private static List<String> failedDeletes(Map<String, StackResource> resources) {
        return resources.values().stream().filter(r -> "DELETE_FAILED".equals(r.status)).map(StackResource::logicalId).toList();
    }

    /**
     * Deletes resources, dependents first, independent ones concurrently.
     *
     * @param retain  logical id → leave the resource alive (DELETE_SKIPPED)
     * @param graphOf the template whose dependencies order the deletion
     * @return true when nothing failed
     */
    private boolean deleteAll(Stack s, Map<String, StackResource> resources, Map<String, Boolean> retain,
                              Template graphOf, Principal actingAs, String token) {
        if (resources.isEmpty()) return true;
        List<String> nodes = new ArrayList<>(resources.keySet());
        Set<String> inGraph = new LinkedHashSet<>(nodes);
        if (graphOf != null) inGraph.retainAll(graphOf.resources().keySet());
        Map<String, Set<String>> order = graphOf == null ? Map.of() : new DependencyGraph(graphOf, inGraph).dependents();
        GraphRunner.Result result = GraphRunner.run(pool, nodes, order, (id, cancel) -> {
            StackResource r = resources.get(id);
            if (r.result == null) {
                if (!"DELETE_COMPLETE".equals(r.status)) resourceEvent(s, r.decl, null, "DELETE_COMPLETE", null, token);
                return GraphRunner.Outcome.DONE;
            }
            if (Boolean.TRUE.equals(retain.get(id))) {
                resourceEvent(s, r.decl, r.physicalId(), "DELETE_SKIPPED", null, token);
                return GraphRunner.Outcome.DONE;
            }
            resourceEvent(s, r.decl, r.physicalId(), "DELETE_IN_PROGRESS", null, token);
            try {
                registry.handler(r.type()).orElseThrow().delete(ctx(s, id, actingAs), r.result);
            } catch (ResourceFailure | AwsException e) {
                r.status = "DELETE_FAILED";
                resourceEvent(s, r.decl, r.physicalId(), "DELETE_FAILED", e.getMessage(), token);
                return GraphRunner.Outcome.FAILED;
            }
            sleep(state.resourceDelayMillis());
            resourceEvent(s, r.decl, r.physicalId(), "DELETE_COMPLETE", null, token);
            return GraphRunner.Outcome.DONE;
        }, false);
        return result.failed().isEmpty() && result.notStarted().isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- delete

    /** Starts deleting a stack that is not busy; returns at once. */
    public void delete(Stack s, Principal actingAs, String token, Set<String> retainResources) {
        synchronized (s) {
            s.busy = true;
            stackStatus(s, "DELETE_IN_PROGRESS", "User Initiated", token);
        }
        pool.submit(() -> {
            try {
                for (StackStore.Export e : List.copyOf(store.exports(s.accountId, s.region).values())) {
                    if (!e.stackId().equals(s.id)) continue;
                    List<String> users = store.importers(s.accountId, s.region, e.name());
                    users.remove(s.name);
                    if (!users.isEmpty()) {
                        stackStatus(s, "DELETE_FAILED", "Export " + e.name() + " cannot be deleted as it is in use by "
                                + String.join(", ", users), token);
                        return;
                    }
                }
                Map<String, StackResource> toDelete = new LinkedHashMap<>();
                Map<String, Boolean> retain = new HashMap<>();
                for (StackResource r : s.resources()) {
                    if ("DELETE_COMPLETE".equals(r.status) || "DELETE_SKIPPED".equals(r.status)) continue;
                    toDelete.put(r.logicalId(), r);
                    retain.put(r.logicalId(), r.decl.retainOnDelete() || retainResources.contains(r.logicalId()));
                }
                if (!deleteAll(s, toDelete, retain, s.template, actingAs, token)) {
                    stackStatus(s, "DELETE_FAILED", "The following resource(s) failed to delete: "
                            + failedDeletes(toDelete) + ". ", token);
                    return;
                }
                synchronized (store) {
                    store.exports(s.accountId, s.region).values().removeIf(e -> e.stackId().equals(s.id));
                    s.imports = Set.of();
                }
                synchronized (s) {
                    s.changeSets.clear();
                    s.deleted = now();
                    stackStatus(s, "DELETE_COMPLETE", null, token);
                }
            } catch (RuntimeException e) {
                stackStatus(s, "DELETE_FAILED", "Internal failure: " + e.getMessage(), token);
            } finally {
                s.busy = false;
            }
        });
    }
}
