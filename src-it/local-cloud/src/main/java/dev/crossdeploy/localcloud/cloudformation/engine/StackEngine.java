package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.auth.SecretLedger;
import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRegistry;
import dev.crossdeploy.localcloud.cloudformation.template.DependencyGraph;
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
    final StackStore store;
    final ExecutorService pool;

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

    long delayMillis() { return state.resourceDelayMillis(); }

    /** Sets the stack's status and records the stack's own event. */
    void stackStatus(Stack s, String status, String reason, String token) {
        s.status = status;
        s.statusReason = reason;
        s.event(s.name, s.id, STACK_TYPE, status, reason, now(), token);
    }

    void resourceEvent(Stack s, ResourceDecl d, String physicalId, String status, String reason, String token) {
        StackResource r = s.resource(d.logicalId());
        if (r != null && (physicalId == null || physicalId.equals(r.physicalId()))) {
            r.status = status;
            r.reason = reason;
            r.updated = now();
        }
        s.event(d.logicalId(), physicalId, d.type(), status, reason, now(), token);
    }

    ResourceContext ctx(Stack s, String logicalId, Principal actingAs) {
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
                                     String roleArn, List<String> notificationArns, String onStackFailure) {
        ChangeSet cs = plan(s, name, type, description, template, parameters, tags, capabilities, roleArn, notificationArns);
        cs.onStackFailure = onStackFailure;
        boolean empty = type.equals("UPDATE") && isEmpty(s, cs);
        List<ResourceChange> changes = cs.changes;
        cs.changes = List.of();
        cs.status = "CREATE_IN_PROGRESS";
        synchronized (s) {
            s.changeSets.put(name, cs);
        }
        pool.submit(() -> {
            cs.changes = changes;
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

    /** A change set with its planned changes, not yet known to the stack. */
    private ChangeSet plan(Stack s, String name, String type, String description, Template template,
                           Map<String, String> parameters, List<Tag> tags, List<String> capabilities,
                           String roleArn, List<String> notificationArns) {
        String id = "arn:aws:cloudformation:" + s.region + ":" + s.accountId + ":changeSet/" + name + "/" + UUID.randomUUID();
        ChangeSet cs = new ChangeSet(id, name, type, s, now(), description, template, parameters, tags, capabilities,
                roleArn, notificationArns);
        SecretLedger.record(noEchoOf(template).stream().map(parameters::get).toList());
        Map<String, StackResource> known = new HashMap<>();
        StackResolver resolver = new StackResolver(template, parameters, s, notificationArns, known::get,
                n -> {
                    StackStore.Export e = store.exports(s.accountId, s.region).get(n);
                    return e == null ? null : e.value();
                }, true);
        cs.changes = List.copyOf(new ChangeSetPlanner(registry).plan(cs, resolver, known, type.equals("CREATE")));
        return cs;
    }

    /** An update that changes nothing: no resource and nothing of the stack's own definition. */
    private static boolean isEmpty(Stack s, ChangeSet cs) {
        return cs.changes.isEmpty() && !definitionChanged(s, cs);
    }

    // ---------------------------------------------------------------- CreateStack and UpdateStack

    /**
     * CreateStack: adds the stack to the store and starts creating it; returns at once.
     *
     * @return false (and nothing started) when a live stack of that name exists
     */
    public boolean createStack(Stack s, Template template, Map<String, String> parameters, List<Tag> tags,
                               List<String> capabilities, String roleArn, List<String> notificationArns,
                               StackOptions options, Principal actingAs) {
        ChangeSet cs = plan(s, "CreateStack", "CREATE", null, template, parameters, tags, capabilities, roleArn, notificationArns);
        cs.onStackFailure = options.onFailure();
        s.terminationProtection = options.terminationProtection();
        s.timeoutInMinutes = options.timeoutInMinutes();
        synchronized (s) {
            if (!store.addIfAbsent(s)) return false;
            start(cs, actingAs, options.token(), options.disableRollback(), false);
        }
        return true;
    }

    /**
     * UpdateStack on a stack the caller checked is updatable: plans the update and starts it;
     * returns at once.
     *
     * @throws AwsException "No updates are to be performed." when nothing would change
     */
    public void updateStack(Stack s, Template template, Map<String, String> parameters, List<Tag> tags,
                            List<String> capabilities, String roleArn, List<String> notificationArns,
                            StackOptions options, Principal actingAs) {
        ChangeSet cs = plan(s, "UpdateStack", "UPDATE", null, template, parameters, tags, capabilities, roleArn, notificationArns);
        synchronized (s) {
            if (s.busy) {
                throw AwsException.validation("Stack:" + s.id + " is in " + s.status + " state and can not be updated.");
            }
            if (isEmpty(s, cs)) throw AwsException.validation("No updates are to be performed.");
            // Change sets made against the old definition can no longer be executed.
            s.changeSets.values().forEach(other -> other.executionStatus = "OBSOLETE");
            start(cs, actingAs, options.token(), options.disableRollback(), false);
        }
    }

    // ---------------------------------------------------------------- change set bookkeeping

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
        synchronized (cs.stack) {
            start(cs, actingAs, token, disableRollback, true);
        }
    }

    /**
     * Starts running {@code cs} on its stack, under the stack's monitor.
     *
     * @param fromChangeSet an executed change set (it becomes the stack's ChangeSetId), not a
     *                      CreateStack or UpdateStack call
     */
    private void start(ChangeSet cs, Principal actingAs, String token, boolean disableRollback, boolean fromChangeSet) {
        Stack s = cs.stack;
        boolean create = s.status == null || s.status.equals("REVIEW_IN_PROGRESS");
        Deployment d = new Deployment(this, cs, actingAs, token, create);
        d.disableRollback = disableRollback;
        s.busy = true;
        s.disableRollback = disableRollback || create && "DO_NOTHING".equals(cs.onStackFailure);
        cs.executionStatus = "EXECUTE_IN_PROGRESS";
        cs.executedToken = token;
        if (fromChangeSet) {
            s.lastChangeSetId = cs.id;
            // Executing a change set invalidates the others; the executed one is then known by ARN only.
            s.changeSets.clear();
            s.executed.put(cs.id, cs);
        } else {
            s.lastChangeSetId = null;
            s.operationToken = token;
        }
        if (!create) s.lastUpdated = now();
        stackStatus(s, create ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", "User Initiated", token);
        d.adopt();
        pool.submit(d::run);
    }

    /** A handler's unexpected exception, reported as CloudFormation reports its own faults. */
    static final class InternalFailure extends Exception {
        InternalFailure() { super("Internal Failure"); }
    }

    @FunctionalInterface
    interface HandlerCall {
        ProvisionResult run() throws ResourceFailure;
    }

    static ProvisionResult guarded(HandlerCall call) throws ResourceFailure, InternalFailure {
        try {
            return call.run();
        } catch (ResourceFailure | AwsException | TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InternalFailure();
        }
    }

    static void validate(ResourceDecl decl, ResourceHandler handler, Map<String, Object> props)
            throws ResourceFailure, InternalFailure {
        java.util.Optional<String> failure;
        try {
            failure = handler.validationFailure(decl.logicalId(), props);
        } catch (RuntimeException e) {
            throw new InternalFailure();
        }
        if (failure.isPresent()) throw new ResourceFailure(failure.get());
    }

    /**
     * A resource whose name the template sets cannot be replaced: the new one would need the same
     * name. Renaming is fine (the new name is free). Only the type's own name property counts: a
     * Lambda version's FunctionName names the function, not the version.
     */
    static boolean customNamed(ResourceHandler handler, Map<String, Object> before, Map<String, Object> after) {
        String name = handler.nameProperty().orElse(null);
        return name != null && after.get(name) != null && Canonical.same(before.get(name), after.get(name));
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

    static List<String> failedDeletes(Map<String, StackResource> resources) {
        return resources.values().stream().filter(r -> "DELETE_FAILED".equals(r.status)).map(StackResource::logicalId).toList();
    }

    /**
     * Deletes resources, dependents first, independent ones concurrently.
     *
     * @param graphOf the template whose dependencies order the deletion
     * @return true when nothing failed
     */
    boolean deleteAll(Stack s, Deletions deletions, Template graphOf, Principal actingAs, String token) {
        Map<String, StackResource> resources = deletions.resources();
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
            if (deletions.retained(id)) {
                resourceEvent(s, r.decl, r.physicalId(), "DELETE_SKIPPED", null, token);
                return GraphRunner.Outcome.DONE;
            }
            resourceEvent(s, r.decl, r.physicalId(), "DELETE_IN_PROGRESS", null, token);
            try {
                registry.handler(r.type()).orElseThrow().delete(ctx(s, id, actingAs), r.result);
            } catch (ResourceFailure | RuntimeException e) {
                r.status = "DELETE_FAILED";
                resourceEvent(s, r.decl, r.physicalId(), "DELETE_FAILED",
                        e instanceof RuntimeException && !(e instanceof AwsException) ? "Internal Failure" : e.getMessage(), token);
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
                Deletions toDelete = new Deletions();
                for (StackResource r : s.resources()) {
                    if ("DELETE_COMPLETE".equals(r.status) || "DELETE_SKIPPED".equals(r.status)) continue;
                    toDelete.add(r.logicalId(), r, r.decl.retainOnDelete() || retainResources.contains(r.logicalId()));
                }
                if (!deleteAll(s, toDelete, s.template, actingAs, token)) {
                    stackStatus(s, "DELETE_FAILED", "The following resource(s) failed to delete: "
                            + failedDeletes(toDelete.resources()) + ". ", token);
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
