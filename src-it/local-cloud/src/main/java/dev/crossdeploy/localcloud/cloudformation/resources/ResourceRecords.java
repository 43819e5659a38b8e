package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.CloudState;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the resource types have provisioned in one cloud, per account and region: each resource's
 * properties and attributes (tables, functions, APIs, ...). Side effects in services the cloud
 * really serves (IAM roles, S3 buckets) live in those services' stores as well.
 * <p>
 * One instance per {@link CloudState}; the cloud's reset must call {@code ResourceRecords.of(state).clear()}.
 */
public final class ResourceRecords {
    private static final Map<CloudState, ResourceRecords> BY_CLOUD = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private ResourceRecords() {}

    public static ResourceRecords of(CloudState state) {
        return BY_CLOUD.computeIfAbsent(state, s -> new ResourceRecords());
    }

    /**
     * One provisioned resource.
     *
     * @param scope    what the physical id is unique within, "" for the account and region
     *                 (a stage name is unique only within its REST API)
     * @param stackId  the stack and logical id that provisioned it
     * @param internal values a handler keeps for itself (code hashes, version counters, ...)
     */
    public record Entry(String accountId, String region, String type, String scope, String physicalId,
                        String stackId, String logicalId,
                        Map<String, Object> properties, Map<String, Object> attributes,
                        Map<String, Object> internal) {
        public Entry {
            properties = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
            attributes = Map.copyOf(attributes);
            internal = Map.copyOf(internal);
        }

        public Entry with(Map<String, Object> newProperties, Map<String, Object> newAttributes, Map<String, Object> newInternal) {
            return new Entry(accountId, region, type, scope, physicalId, stackId, logicalId, newProperties, newAttributes, newInternal);
        }
    }

    private record Key(String accountId, String region, String type, String scope, String physicalId) {}

    public void put(Entry e) {
        entries.put(new Key(e.accountId(), e.region(), e.type(), e.scope(), e.physicalId()), e);
    }

    /** The resource of a type whose physical id is unique in its account and region. */
    public Optional<Entry> get(String accountId, String region, String type, String physicalId) {
        return get(accountId, region, type, "", physicalId);
    }

    public Optional<Entry> get(String accountId, String region, String type, String scope, String physicalId) {
        return Optional.ofNullable(entries.get(new Key(accountId, region, type, scope, physicalId)));
    }

    /** Every resource of a type with this physical id, whatever its scope. */
    public List<Entry> find(String accountId, String region, String type, String physicalId) {
        return list(accountId, region, type).stream().filter(e -> e.physicalId().equals(physicalId)).toList();
    }

    public void remove(Entry e) {
        entries.remove(new Key(e.accountId(), e.region(), e.type(), e.scope(), e.physicalId()));
    }

    /** Resources of one type in one account and region, by physical id. */
    public List<Entry> list(String accountId, String region, String type) {
        return entries.values().stream()
                .filter(e -> e.accountId().equals(accountId) && e.region().equals(region) && e.type().equals(type))
                .sorted(Comparator.comparing(Entry::physicalId))
                .toList();
    }

    /** Every resource the cloud holds. */
    public List<Entry> all() {
        return entries.values().stream()
                .sorted(Comparator.comparing(Entry::type).thenComparing(Entry::physicalId)).toList();
    }

    /** The next number of a sequence (1, 2, ...), e.g. a function's published versions. */
    public long next(String sequence) {
        return counters.computeIfAbsent(sequence, k -> new AtomicLong()).incrementAndGet();
    }

    /** The number {@link #next} would return, without drawing it. */
    public long peek(String sequence) {
        AtomicLong n = counters.get(sequence);
        return (n == null ? 0 : n.get()) + 1;
    }

    public void forgetSequence(String sequence) { counters.remove(sequence); }

    /** Forgets everything; part of the cloud's reset. */
    public void clear() {
        entries.clear();
        counters.clear();
    }
}
