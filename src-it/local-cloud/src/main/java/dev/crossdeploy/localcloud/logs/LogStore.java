package dev.crossdeploy.localcloud.logs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CloudWatch Logs' data, per account and region: log groups, their streams and each stream's
 * events ordered by timestamp (as GetLogEvents reads them). Functions and builds write here;
 * the Logs API and the log-group resource type read and manage it.
 */
public final class LogStore {
    /** What CloudWatch Logs counts per event on top of its message when sizing batches and storage. */
    static final int EVENT_OVERHEAD_BYTES = 26;

    private final Map<GroupKey, LogGroup> groups = new ConcurrentHashMap<>();
    /** Ingestion order across the store; breaks timestamp ties and makes event ids and tokens stable. */
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    public LogStore(Clock clock) { this.clock = clock; }

    record GroupKey(String accountId, String region, String name) {}

    /**
     * One stored event: its place in the stream is (timestamp, sequence), the sequence being the
     * store-wide ingestion order.
     */
    public record StoredEvent(long timestamp, long sequence, long ingestionTime, String message, String stream) {
        static final Comparator<StoredEvent> ORDER = Comparator.comparingLong(StoredEvent::timestamp)
                .thenComparingLong(StoredEvent::sequence);

        public EventPosition position() { return new EventPosition(timestamp, sequence); }

        public LogEvent event() { return new LogEvent(timestamp, ingestionTime, message); }

        long bytes() { return message.getBytes(StandardCharsets.UTF_8).length + (long) EVENT_OVERHEAD_BYTES; }
    }

    /** One log group and its streams. */
    public static final class LogGroup {
        private final String accountId;
        private final String region;
        private final String name;
        private final long creationTime;
        private volatile Integer retentionInDays;
        private final Map<String, LogStream> streams = Collections.synchronizedMap(new LinkedHashMap<>());

        LogGroup(String accountId, String region, String name, long creationTime) {
            this.accountId = accountId;
            this.region = region;
            this.name = name;
            this.creationTime = creationTime;
        }

        public String accountId() { return accountId; }
        public String region() { return region; }
        public String name() { return name; }
        public long creationTime() { return creationTime; }
        public Integer retentionInDays() { return retentionInDays; }
        /** Null removes the retention policy: events never expire. */
        public void retentionInDays(Integer days) { this.retentionInDays = days; }

        /** The group's ARN as DescribeLogGroups reports it, ending in ":*". */
        public String arn() { return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name + ":*"; }

        /** Stream names, in the order they were created. */
        public List<String> streamNames() {
            synchronized (streams) {
                return List.copyOf(streams.keySet());
            }
        }

        public List<LogStream> streams() {
            synchronized (streams) {
                return List.copyOf(streams.values());
            }
        }

        public Optional<LogStream> stream(String stream) { return Optional.ofNullable(streams.get(stream)); }

        /** A copy of one stream's events, oldest first; empty when there is no such stream. */
        public List<LogEvent> events(String stream) {
            return stream(stream).map(s -> s.events().stream().map(StoredEvent::event).toList()).orElse(List.of());
        }

        public long storedBytes() { return streams().stream().mapToLong(LogStream::storedBytes).sum(); }

        boolean createStream(String stream, long now) {
            return streams.putIfAbsent(stream, new LogStream(this, stream, now)) == null;
        }

        LogStream streamOrCreate(String stream, long now) {
            return streams.computeIfAbsent(stream, s -> new LogStream(this, s, now));
        }

        boolean deleteStream(String stream) { return streams.remove(stream) != null; }
    }

    /** One stream: its events kept sorted by timestamp, then by arrival. */
    public static final class LogStream {
        private final LogGroup group;
        private final String name;
        private final long creationTime;
        private final List<StoredEvent> events = new ArrayList<>();
        private Long lastIngestionTime;
        private long storedBytes;

        LogStream(LogGroup group, String name, long creationTime) {
            this.group = group;
            this.name = name;
            this.creationTime = creationTime;
        }

        public String name() { return name; }
        public long creationTime() { return creationTime; }

        public String arn() {
            return "arn:aws:logs:" + group.region() + ":" + group.accountId() + ":log-group:" + group.name()
                    + ":log-stream:" + name;
        }

        /** A copy of the events, oldest first. */
        public synchronized List<StoredEvent> events() { return List.copyOf(events); }

        public synchronized Optional<Long> firstEventTimestamp() {
            return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0).timestamp());
        }

        public synchronized Optional<Long> lastEventTimestamp() {
            return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1).timestamp());
        }

        public synchronized Optional<Long> lastIngestionTime() { return Optional.ofNullable(lastIngestionTime); }

        public synchronized long storedBytes() { return storedBytes; }

        synchronized void add(List<StoredEvent> batch) {
            for (StoredEvent e : batch) {
                // Events mostly arrive in order, so the insertion point is found from the end.
                int at = events.size();
                while (at > 0 && StoredEvent.ORDER.compare(events.get(at - 1), e) > 0) at--;
                events.add(at, e);
                storedBytes += e.bytes();
                lastIngestionTime = lastIngestionTime == null ? e.ingestionTime() : Math.max(lastIngestionTime, e.ingestionTime());
            }
        }
    }

    /** Creates the group; false when it already exists. */
    public boolean createGroup(String accountId, String region, String name, long now) {
        return groups.putIfAbsent(new GroupKey(accountId, region, name), new LogGroup(accountId, region, name, now)) == null;
    }

    public Optional<LogGroup> group(String accountId, String region, String name) {
        return Optional.ofNullable(groups.get(new GroupKey(accountId, region, name)));
    }

    /** Groups of one account and region, ASCII-sorted by name as DescribeLogGroups lists them. */
    public List<LogGroup> groups(String accountId, String region) {
        return groups.entrySet().stream()
                .filter(e -> e.getKey().accountId().equals(accountId) && e.getKey().region().equals(region))
                .map(Map.Entry::getValue)
                .sorted(Comparator.comparing(LogGroup::name))
                .toList();
    }

    public boolean deleteGroup(String accountId, String region, String name) {
        return groups.remove(new GroupKey(accountId, region, name)) != null;
    }

    /** Creates the stream; false when it already exists. The group must exist. */
    public boolean createStream(String accountId, String region, String group, String stream) {
        return group(accountId, region, group).orElseThrow().createStream(stream, clock.millis());
    }

    /**
     * Appends events to a stream of an existing group, creating the stream if needed; false when
     * the group does not exist (the events are dropped, as Lambda's are when its group is gone).
     */
    public boolean append(String accountId, String region, String group, String stream, List<LogEvent> events) {
        Optional<LogGroup> g = group(accountId, region, group);
        g.ifPresent(x -> store(x.streamOrCreate(stream, clock.millis()), events));
        return g.isPresent();
    }

    /** Stores events in an existing stream, numbering them in arrival order. */
    void store(LogStream stream, List<LogEvent> events) {
        List<StoredEvent> batch = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            batch.add(new StoredEvent(e.timestamp(), sequence.incrementAndGet(), e.ingestionTime(), e.message(), stream.name()));
        }
        stream.add(batch);
    }

    public void clear() { groups.clear(); }
}
