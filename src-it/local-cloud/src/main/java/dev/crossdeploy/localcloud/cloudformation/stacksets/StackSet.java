package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.cloudformation.engine.Tag;
import dev.crossdeploy.localcloud.cloudformation.template.Template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A self-managed stack set in its administrator account and region: the definition every
 * instance deploys (template, parameters, capabilities, tags, roles), its instances and its
 * operations, of which at most one runs at a time. Mutations happen under the set's monitor.
 */
final class StackSet {
    static final String DEFAULT_EXECUTION_ROLE = "AWSCloudFormationStackSetExecutionRole";
    static final String DEFAULT_ADMINISTRATION_ROLE = "AWSCloudFormationStackSetAdministrationRole";

    final String name;
    final String id;
    final String arn;
    final String adminAccount;
    final String region;
    final Instant created;
    volatile String status = "ACTIVE";
    /** The ClientRequestToken of the CreateStackSet call, so that its retry answers with the same set. */
    volatile String creationToken;
    volatile String description;
    volatile Template template;
    /** The set's own parameter values as given (overrides and template defaults apply per instance). */
    volatile Map<String, String> parameters = Map.of();
    volatile List<String> capabilities = List.of();
    volatile List<Tag> tags = List.of();
    volatile String administrationRoleArn;
    volatile String executionRoleName;
    private final Map<String, StackInstance> instances = new LinkedHashMap<>();
    private final Map<String, StackSetOperation> operations = new LinkedHashMap<>();
    private StackSetOperation running;

    StackSet(String name, String id, String adminAccount, String region, Instant created) {
        this.name = name;
        this.id = id;
        this.arn = "arn:aws:cloudformation:" + region + ":" + adminAccount + ":stackset/" + id;
        this.adminAccount = adminAccount;
        this.region = region;
        this.created = created;
    }

    synchronized List<StackInstance> instances() { return new ArrayList<>(instances.values()); }

    synchronized Optional<StackInstance> instance(String account, String region) {
        return Optional.ofNullable(instances.get(StackInstance.key(account, region)));
    }

    /** The instance for this account and region, added if the set has none yet. */
    synchronized StackInstance instanceFor(String account, String region) {
        return instances.computeIfAbsent(StackInstance.key(account, region), k -> new StackInstance(account, region));
    }

    synchronized void removeInstance(StackInstance i) { instances.remove(i.key()); }

    synchronized boolean hasInstances() { return !instances.isEmpty(); }

    /** Operations newest first. */
    synchronized List<StackSetOperation> operations() {
        List<StackSetOperation> out = new ArrayList<>(operations.values());
        java.util.Collections.reverse(out);
        return out;
    }

    synchronized Optional<StackSetOperation> operation(String id) { return Optional.ofNullable(operations.get(id)); }

    synchronized boolean busy() { return running != null; }

    /** Records a new operation as the running one; the caller checked nothing runs. */
    synchronized void begin(StackSetOperation op) {
        operations.put(op.id, op);
        running = op;
    }

    /**
     * Ends the running operation. The set is free before the operation reads as ended, so a
     * client that saw it end can start the next one at once.
     */
    synchronized void end(StackSetOperation op, String status, Instant ended) {
        if (running == op) running = null;
        op.ended = ended;
        op.status = status;
    }
}
