package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.template.ResourceDecl;

import java.time.Instant;
import java.util.Map;

/** A resource of a stack: its template declaration, resolved properties and what provisioning returned. */
public final class StackResource {
    final ResourceDecl decl;
    final Map<String, Object> properties;
    volatile ProvisionResult result;
    volatile String status;
    volatile String reason;
    volatile Instant updated;

    StackResource(ResourceDecl decl, Map<String, Object> properties, ProvisionResult result, String status, Instant updated) {
        this.decl = decl;
        this.properties = properties;
        this.result = result;
        this.status = status;
        this.updated = updated;
    }

    public String logicalId() { return decl.logicalId(); }
    public String type() { return decl.type(); }
    public ResourceDecl decl() { return decl; }
    public Map<String, Object> properties() { return properties; }
    public ProvisionResult result() { return result; }
    public String physicalId() { return result == null ? null : result.physicalId(); }
    public String status() { return status; }
    public String reason() { return reason; }
    public Instant updated() { return updated; }
}
