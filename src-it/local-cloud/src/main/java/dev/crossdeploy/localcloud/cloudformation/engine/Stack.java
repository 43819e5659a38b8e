package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.cloudformation.template.Template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One stack: its identity, what is deployed (template, parameters, resources, outputs), its
 * status, event history and change sets. Mutations happen under the stack's monitor.
 */
public final class Stack {
    private static final Set<String> UPDATABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
            "UPDATE_FAILED", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

    final String id;
    final String name;
    final String accountId;
    final String region;
    final Instant created;
    volatile String status;
    volatile String statusReason;
    volatile Instant lastUpdated;
    volatile Instant deleted;
    volatile Template template;
    volatile Map<String, String> parameters = Map.of();
    volatile Set<String> noEcho = Set.of();
    volatile List<Tag> tags = List.of();
    volatile List<String> capabilities = List.of();
    volatile List<String> notificationArns = List.of();
    volatile String roleArn;
    volatile String description;
    volatile boolean terminationProtection;
    volatile boolean disableRollback;
    volatile Integer timeoutInMinutes;
    /** The ClientRequestToken of the CreateStack or UpdateStack call that started the last operation. */
    volatile String operationToken;
    volatile List<Output> outputs = List.of();
    volatile String lastChangeSetId;
    /** Export names this stack's deployed template imports. */
    volatile Set<String> imports = Set.of();
    final Map<String, StackResource> resources = new LinkedHashMap<>();
    final Map<String, ChangeSet> changeSets = new LinkedHashMap<>();
    /** Executed change sets: no longer the stack's by name, still described by ARN. */
    final Map<String, ChangeSet> executed = new LinkedHashMap<>();
    private final List<StackEvent> events = new ArrayList<>();
    /** True while an operation runs on the stack (status *_IN_PROGRESS). */
    volatile boolean busy;

    Stack(String id, String name, String accountId, String region, Instant created) {
        this.id = id;
        this.name = name;
        this.accountId = accountId;
        this.region = region;
        this.created = created;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String accountId() { return accountId; }
    public String region() { return region; }
    public Instant created() { return created; }
    public String status() { return status; }
    public String statusReason() { return statusReason; }
    public Instant lastUpdated() { return lastUpdated; }
    public Instant deleted() { return deleted; }
    public Template template() { return template; }
    public Map<String, String> parameters() { return parameters; }
    public Set<String> noEcho() { return noEcho; }
    public List<Tag> tags() { return tags; }
    public List<String> capabilities() { return capabilities; }
    public List<String> notificationArns() { return notificationArns; }
    public String roleArn() { return roleArn; }
    public String description() { return description; }
    public boolean terminationProtection() { return terminationProtection; }
    public boolean disableRollback() { return disableRollback; }
    public Integer timeoutInMinutes() { return timeoutInMinutes; }
    public String operationToken() { return operationToken; }
    public List<Output> outputs() { return outputs; }
    public String lastChangeSetId() { return lastChangeSetId; }
    /** Whether the stack's status lets a change set or UpdateStack change it. */
    public boolean isUpdatable() { return UPDATABLE.contains(status); }

    public boolean isDeleted() { return "DELETE_COMPLETE".equals(status); }

    public synchronized List<StackResource> resources() { return List.copyOf(resources.values()); }

    synchronized StackResource resource(String logicalId) { return resources.get(logicalId); }

    synchronized void putResource(StackResource r) { resources.put(r.logicalId(), r); }

    synchronized void removeResource(String logicalId) { resources.remove(logicalId); }

    /** The stack's change sets that can still be addressed by name (not yet executed). */
    public synchronized List<ChangeSet> changeSets() { return List.copyOf(changeSets.values()); }

    /** Change sets already executed on this stack. */
    public synchronized List<ChangeSet> executedChangeSets() { return List.copyOf(executed.values()); }

    /** Events oldest first. */
    public synchronized List<StackEvent> events() { return List.copyOf(events); }

    synchronized StackEvent event(String logicalId, String physicalId, String type, String status, String reason,
                                  Instant at, String token) {
        // Events are appended in order; their times never go backwards, whatever thread stamped them.
        if (!events.isEmpty() && at.isBefore(events.get(events.size() - 1).timestamp())) {
            at = events.get(events.size() - 1).timestamp();
        }
        StackEvent e = new StackEvent(logicalId.equals(name) && type.equals("AWS::CloudFormation::Stack")
                ? UUID.randomUUID().toString() : logicalId + "-" + UUID.randomUUID(),
                id, name, logicalId, physicalId, type, at, status, reason, token);
        events.add(e);
        return e;
    }
}
