package dev.crossdeploy.localcloud.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudWatch Logs' data, per account and region: log groups, their streams and events in order.
 * Functions and builds write here; the Logs API and the log-group resource type read and
 * manage it.
 */
public final class LogStore {
    private final Map<GroupKey, LogGroup> groups = new ConcurrentHashMap<>();

    record GroupKey(String accountId, String region, String name) {}

    /** One log group and its streams; streams keep their events in arrival order. */
    public static final class LogGroup {
        private final String name;
        private final long creationTime;
        private volatile Integer retentionInDays;
        private final Map<String, List<LogEvent>> streams = new ConcurrentHashMap<>();

        LogGroup(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }

        public String name() { return name; }
        public long creationTime() { return creationTime; }
        public Integer retentionInDays() { return retentionInDays; }
        public void retentionInDays(Integer days) { this.retentionInDays = days; }

        /** Stream names, in the order they were created. */
        public List<String> streamNames() { return List.copyOf(streams.keySet()); }

        /** A copy of one stream's events; empty when there is no such stream. */
        public List<LogEvent> events(String stream) {
            List<LogEvent> events = streams.get(stream);
            if (events == null) return List.of();
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        boolean createStream(String stream) { return streams.putIfAbsent(stream, new ArrayList<>()) == null; }

        void append(String stream, List<LogEvent> events) {
            List<LogEvent> target = streams.computeIfAbsent(stream, s -> new ArrayList<>());
            synchronized (target) {
                target.addAll(events);
            }
        }
    }

    /** Creates the group; false when it already exists. */
    public boolean createGroup(String accountId, String region, String name, long now) {
        return groups.putIfAbsent(new GroupKey(accountId, region, name), new LogGroup(name, now)) == null;
    }

    public Optional<LogGroup> group(String accountId, String region, String name) {
        return Optional.ofNullable(groups.get(new GroupKey(accountId, region, name)));
    }

    /** Groups of one account and region, by name. */
    public List<LogGroup> groups(String accountId, String region) {
        return groups.entrySet().stream()
                .filter(e -> e.getKey().accountId().equals(accountId) && e.getKey().region().equals(region))
                .map(Map.Entry::getValue)
                .sorted(java.util.Comparator.comparing(LogGroup::name))
                .toList();
    }

    public boolean deleteGroup(String accountId, String region, String name) {
        return groups.remove(new GroupKey(accountId, region, name)) != null;
    }

    /** Creates the stream; false when it already exists. The group must exist. */
    public boolean createStream(String accountId, String region, String group, String stream) {
        return group(accountId, region, group).orElseThrow().createStream(stream);
    }

    /**
     * Appends events to a stream of an existing group, creating the stream if needed; false when
     * the group does not exist (the events are dropped, as Lambda's are when its group is gone).
     */
    public boolean append(String accountId, String region, String group, String stream, List<LogEvent> events) {
        Optional<LogGroup> g = group(accountId, region, group);
        g.ifPresent(x -> x.append(stream, events));
        return g.isPresent();
    }

    public void clear() { groups.clear(); }
}
