package dev.crossdeploy.localcloud.cloudformation.resources.support;

import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource type kept as a record in {@link ResourceRecords}: validation and replacement rules
 * come from its {@link Schema}; each operation first checks the acting identity may call the
 * service's API, then runs the type's own checks and side effects.
 */
public abstract class RecordHandler implements ResourceHandler {
    private final String type;
    private final Schema schema;
    private final List<String> attributeNames;
    protected final ApiService service;

    protected RecordHandler(String type, ApiService service, Schema schema, String... attributeNames) {
        this.type = type;
        this.service = service;
        this.schema = schema;
        this.attributeNames = List.of(attributeNames);
    }

    @Override public String type() { return type; }

    @Override public List<String> validate(Map<String, Object> properties) { return schema.validate(properties); }

    @Override public RequiresRecreation recreation(String property) { return schema.recreation(property); }

    @Override public boolean taggable() { return schema.declares("Tags"); }

    @Override public List<String> attributeNames() { return attributeNames; }

    // ---- what a type says about itself ----

    /** The physical id for a new resource: the name the template gives, or a generated one. */
    protected abstract String physicalId(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure;

    /** The resource's ARN, the resource authorization is checked against. */
    protected abstract String arn(ResourceContext ctx, String physicalId, Map<String, Object> props);

    /** The resource the create action is authorized on; "*" for APIs that create an id (kms:CreateKey). */
    protected String createArn(ResourceContext ctx, String physicalId, Map<String, Object> props) {
        return arn(ctx, physicalId, props);
    }

    /**
     * The API actions ("dynamodb:CreateTable") each operation needs; null when the type checks
     * finer-grained actions itself.
     */
    protected abstract String createAction();
    protected abstract String updateAction();
    protected abstract String deleteAction();

    /**
     * The {@code Fn::GetAtt} values; {@code previous} holds the last ones (empty on create), so
     * generated values such as ids stay stable across updates.
     */
    protected Map<String, Object> attributes(ResourceContext ctx, String physicalId, Map<String, Object> props,
                                             Map<String, Object> previous) {
        return Map.of();
    }

    /** Checks and side effects of a create; returns values to keep in the record's internal map. */
    protected Map<String, Object> onCreate(ResourceContext ctx, String physicalId, Map<String, Object> props)
            throws ResourceFailure {
        return Map.of();
    }

    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        return current.internal();
    }

    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) throws ResourceFailure {}

    /** What the physical id is unique within ("" = the account and region); see {@link ResourceRecords.Entry#scope()}. */
    protected String scope(Map<String, Object> props) { return ""; }

    /** Whether a second resource with the same physical id in its scope is refused. */
    protected boolean uniquePhysicalIds() { return true; }

    // ---- the operations ----

    @Override
    public ProvisionResult create(ResourceContext ctx, Map<String, Object> properties) throws ResourceFailure {
        Map<String, Object> props = properties == null ? Map.of() : properties;
        String id = physicalId(ctx, props);
        Access.require(ctx, service, createAction(), createArn(ctx, id, props));
        String scope = scope(props);
        if (uniquePhysicalIds() && records(ctx).get(ctx.accountId(), ctx.region(), type, scope, id).isPresent()) {
            throw HandlerErrors.alreadyExists(type, id);
        }
        Map<String, Object> internal = onCreate(ctx, id, props);
        // Stored before the attributes are read, so attributes() sees the record's internal values.
        ResourceRecords.Entry entry = new ResourceRecords.Entry(ctx.accountId(), ctx.region(), type, scope, id,
                ctx.stackId(), ctx.logicalId(), props, Map.of(), internal);
        records(ctx).put(entry);
        Map<String, Object> attrs = attributes(ctx, id, props, Map.of());
        records(ctx).put(entry.with(props, attrs, internal));
        return new ProvisionResult(id, attrs);
    }

    @Override
    public ProvisionResult update(ResourceContext ctx, ProvisionResult current, Map<String, Object> oldProperties,
                                  Map<String, Object> newProperties) throws ResourceFailure {
        String id = current.physicalId();
        Map<String, Object> props = newProperties == null ? Map.of() : newProperties;
        if (updateAction() != null) Access.require(ctx, service, updateAction(), arn(ctx, id, props));
        ResourceRecords.Entry entry = existing(ctx, id).orElseThrow(() -> HandlerErrors.notFound(type, id));
        Map<String, Object> internal = onUpdate(ctx, entry, oldProperties == null ? entry.properties() : oldProperties, props);
        Map<String, Object> previous = new HashMap<>(current.attributes());
        previous.putAll(entry.attributes());
        records(ctx).put(entry.with(props, entry.attributes(), internal));
        Map<String, Object> attrs = attributes(ctx, id, props, previous);
        records(ctx).put(entry.with(props, attrs, internal));
        return new ProvisionResult(id, attrs);
    }

    @Override
    public void delete(ResourceContext ctx, ProvisionResult current) throws ResourceFailure {
        String id = current.physicalId();
        Optional<ResourceRecords.Entry> entry = existing(ctx, id);
        // A resource already gone is deleted as far as CloudFormation is concerned.
        if (entry.isEmpty()) return;
        Access.require(ctx, service, deleteAction(), arn(ctx, id, entry.get().properties()));
        onDelete(ctx, entry.get());
        records(ctx).remove(entry.get());
    }

    // ---- helpers for subclasses ----

    protected static ResourceRecords records(ResourceContext ctx) { return ResourceRecords.of(ctx.state()); }

    /**
     * The record of a resource this handler provisioned. Where a physical id is unique only
     * within a scope, the one the current stack resource made wins.
     */
    protected Optional<ResourceRecords.Entry> existing(ResourceContext ctx, String physicalId) {
        List<ResourceRecords.Entry> found = records(ctx).find(ctx.accountId(), ctx.region(), type, physicalId);
        if (found.size() <= 1) return found.stream().findFirst();
        return found.stream()
                .filter(e -> ctx.stackId().equals(e.stackId()) && ctx.logicalId().equals(e.logicalId()))
                .findFirst().or(() -> found.stream().findFirst());
    }

    /**
     * The values this handler keeps in the resource's record (what onCreate/onUpdate returned),
     * empty when there is no record; for {@link #attributes}, which is called once the record holds them.
     */
    protected Map<String, Object> internal(ResourceContext ctx, String physicalId) {
        return existing(ctx, physicalId).map(ResourceRecords.Entry::internal).orElse(Map.of());
    }

    /** The template's name for the resource, else a generated one. */
    protected static String nameOrGenerated(ResourceContext ctx, Map<String, Object> props, String nameProperty, int maxLength) {
        String name = Values.string(props, nameProperty);
        return name != null ? name : Names.generate(ctx, maxLength);
    }
}
