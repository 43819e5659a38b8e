package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.cloudformation.template.Template;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A proposed set of changes to a stack, created by CreateChangeSet and run by ExecuteChangeSet. */
public final class ChangeSet {
    final String id;
    final String name;
    final String type;
    final Stack stack;
    final Instant created;
    final String description;
    final Template template;
    final Map<String, String> parameters;
    final List<Tag> tags;
    final List<String> capabilities;
    final String roleArn;
    final List<String> notificationArns;
    volatile String status = "CREATE_PENDING";
    volatile String statusReason;
    volatile String executionStatus = "UNAVAILABLE";
    volatile List<ResourceChange> changes = List.of();
    volatile String executedToken;
    volatile String clientToken;
    /** CreateChangeSet's OnStackFailure for a new stack: ROLLBACK (default), DO_NOTHING or DELETE. */
    volatile String onStackFailure;
    /** CreateChangeSet's DeploymentConfig Mode: STANDARD, EXPRESS, or null when not given. */
    volatile String deploymentMode;

    ChangeSet(String id, String name, String type, Stack stack, Instant created, String description, Template template,
              Map<String, String> parameters, List<Tag> tags, List<String> capabilities, String roleArn,
              List<String> notificationArns) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.stack = stack;
        this.created = created;
        this.description = description;
        this.template = template;
        this.parameters = parameters;
        this.tags = tags;
        this.capabilities = capabilities;
        this.roleArn = roleArn;
        this.notificationArns = notificationArns;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String type() { return type; }
    public Stack stack() { return stack; }
    public Instant created() { return created; }
    public String description() { return description; }
    public Template template() { return template; }
    public Map<String, String> parameters() { return parameters; }
    public List<Tag> tags() { return tags; }
    public List<String> capabilities() { return capabilities; }
    public String roleArn() { return roleArn; }
    public List<String> notificationArns() { return notificationArns; }
    public String status() { return status; }
    public String statusReason() { return statusReason; }
    public String executionStatus() { return executionStatus; }
    public List<ResourceChange> changes() { return changes; }
    /** The ClientRequestToken of the ExecuteChangeSet call that ran it. */
    public String executedToken() { return executedToken; }
    public String onStackFailure() { return onStackFailure; }
    /** The ClientToken of the CreateChangeSet call that made it (null: none given). */
    public String clientToken() { return clientToken; }
    public void clientToken(String token) { this.clientToken = token; }
    public String deploymentMode() { return deploymentMode; }

    /** Records the DeploymentConfig Mode the change set was created with; its execution honours it. */
    public void deploymentMode(String mode) { this.deploymentMode = mode; }

    /** Express mode completes a resource once its configuration is applied, without waiting for it to stabilize. */
    boolean express() { return "EXPRESS".equals(deploymentMode); }
}
