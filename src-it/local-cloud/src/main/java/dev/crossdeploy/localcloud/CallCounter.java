package dev.crossdeploy.localcloud;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests the cloud received, by service (signing name) and action, for benchmarks
 * that run the cloud in another process: read with {@code GET /_localcloud/calls}, reset with
 * {@code DELETE}. Every request that names a service is counted, including those a fault rule
 * throttled or dropped (the client made them) and those refused for their signature; admin
 * paths and requests a module answers before dispatch (execute-api, git) are not.
 */
final class CallCounter {
    /** The action of a request whose action could not be read (malformed, unknown). */
    static final String UNKNOWN_ACTION = "(unknown)";

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    void count(String service, String action) {
        counts.computeIfAbsent(service, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(action == null ? UNKNOWN_ACTION : action, a -> new LongAdder())
                .increment();
    }

    /** A copy sorted by service and action, so the JSON reads the same from run to run. */
    Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        counts.forEach((service, actions) -> {
            Map<String, Long> byAction = new TreeMap<>();
            actions.forEach((action, n) -> byAction.put(action, n.sum()));
            copy.put(service, byAction);
        });
        return copy;
    }

    void clear() { counts.clear(); }
}
