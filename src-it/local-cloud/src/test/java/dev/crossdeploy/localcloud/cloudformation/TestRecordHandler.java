package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code Test::Record}: a resource type for engine tests. Properties steer it: {@code Fail},
 * {@code FailUpdate}, {@code FailDelete} make operations fail with {@code Reason}, {@code FailRollback} refuses
 * updating away from those properties; {@code Gate}
 * holds creation until a test opens the gate; {@code RecordName} (custom name) and {@code Kind}
 * require replacement; {@code Invalid} fails validation; {@code Crash} throws an unexpected exception. Live records are visible to tests.
 */
public final class TestRecordHandler implements ResourceHandler {
    /** Physical id → the live record's properties and who created it. */
    public static final Map<String, Map<String, Object>> LIVE = new ConcurrentHashMap<>();
    public static final Map<String, String> CREATED_BY = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    public static void open(String gate) { gate(gate).countDown(); }

    private static CountDownLatch gate(String name) { return GATES.computeIfAbsent(name, k -> new CountDownLatch(1)); }

    @Override public String type() { return "Test::Record"; }

    @Override
    public List<String> validate(Map<String, Object> properties) {
        return properties.containsKey("Invalid") ? List.of("#: extraneous key [Invalid] is not permitted") : List.of();
    }

    @Override
    public RequiresRecreation recreation(String property) {
        return switch (property) {
            case "RecordName", "Kind" -> RequiresRecreation.ALWAYS;
            case "Size" -> RequiresRecreation.CONDITIONALLY;
            default -> RequiresRecreation.NEVER;
        };
    }

    /** Records carry the stack's tags, as most AWS types do. */
    @Override public boolean taggable() { return true; }

    @Override public java.util.Optional<String> nameProperty() { return java.util.Optional.of("RecordName"); }

    @Override public List<String> attributeNames() { return List.of("Arn", "Value"); }

    @Override
    public ProvisionResult create(ResourceContext ctx, Map<String, Object> properties) throws ResourceFailure {
        if (properties.get("Gate") != null) {
            try {
                gate(String.valueOf(properties.get("Gate"))).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (properties.containsKey("Crash")) throw new IllegalStateException("bug in a handler");
        if (Boolean.parseBoolean(String.valueOf(properties.get("Fail")))) {
            throw new ResourceFailure(String.valueOf(properties.getOrDefault("Reason", "Record creation failed")));
        }
        String id = properties.containsKey("RecordName") ? String.valueOf(properties.get("RecordName"))
                : ctx.stackName() + "-" + ctx.logicalId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        LIVE.put(id, properties);
        CREATED_BY.put(id, ctx.actingAs().arn());
        return result(id, properties);
    }

    @Override
    public ProvisionResult update(ResourceContext ctx, ProvisionResult current, Map<String, Object> oldProperties,
                                  Map<String, Object> newProperties) throws ResourceFailure {
        if (Boolean.parseBoolean(String.valueOf(oldProperties.get("FailRollback")))) {
            throw new ResourceFailure("Record cannot go back");
        }
        if (Boolean.parseBoolean(String.valueOf(newProperties.get("FailUpdate")))) {
            throw new ResourceFailure(String.valueOf(newProperties.getOrDefault("Reason", "Record update failed")));
        }
        LIVE.put(current.physicalId(), newProperties);
        return result(current.physicalId(), newProperties);
    }

    @Override
    public void delete(ResourceContext ctx, ProvisionResult current) throws ResourceFailure {
        Map<String, Object> props = LIVE.get(current.physicalId());
        if (props != null && Boolean.parseBoolean(String.valueOf(props.get("FailDelete")))) {
            throw new ResourceFailure("Record deletion failed");
        }
        LIVE.remove(current.physicalId());
    }

    private static ProvisionResult result(String id, Map<String, Object> properties) {
        return new ProvisionResult(id, Map.of("Arn", "arn:aws:test:::record/" + id,
                "Value", String.valueOf(properties.getOrDefault("Value", ""))));
    }
}
