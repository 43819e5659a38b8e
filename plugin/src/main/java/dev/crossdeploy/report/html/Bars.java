package dev.crossdeploy.report.html;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns an operation's stack events into one {@link Bar} per resource, in the order the resources started. */
final class Bars {
    static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private Bars() {}

    /**
     * @param events    the operation's events, oldest first
     * @param stackName the stack's name: its own events frame the operation but get no bar
     */
    static List<Bar> of(List<ResourceEvent> events, String stackName) {
        int rollbackFrom = rollbackStart(events, stackName);
        Map<String, List<Integer>> byResource = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            ResourceEvent e = events.get(i);
            if (isStack(e, stackName) || e.logicalId() == null || e.time() == null) continue;
            byResource.computeIfAbsent(e.logicalId(), k -> new ArrayList<>()).add(i);
        }
        List<Bar> bars = new ArrayList<>();
        byResource.forEach((id, indexes) -> bars.add(bar(events, indexes, rollbackFrom)));
        bars.sort((a, b) -> a.start().compareTo(b.start()));
        return bars;
    }

    private static Bar bar(List<ResourceEvent> events, List<Integer> indexes, int rollbackFrom) {
        ResourceEvent first = events.get(indexes.get(0));
        ResourceEvent last = events.get(indexes.get(indexes.size() - 1));
        Instant start = indexes.stream().map(events::get).filter(e -> status(e).endsWith("_IN_PROGRESS"))
                .map(ResourceEvent::time).findFirst().orElse(first.time());
        Instant end = last.time().isBefore(start) ? start : last.time();
        return new Bar(first.logicalId(), last.type() == null ? first.type() : last.type(), start, end,
                outcome(events, indexes, rollbackFrom));
    }

    /** A failure of its own beats a cancellation or rollback, which beats a deletion. */
    static Outcome outcome(List<ResourceEvent> events, List<Integer> indexes, int rollbackFrom) {
        boolean cancelled = false;
        boolean rolledBack = false;
        for (int i : indexes) {
            ResourceEvent e = events.get(i);
            if (status(e).endsWith("_FAILED")) {
                if (!isCancellation(e.reason())) return Outcome.FAILED;
                cancelled = true;
            }
            if (i > rollbackFrom) rolledBack = true;
        }
        if (cancelled || rolledBack) return Outcome.ROLLED_BACK;
        String last = status(events.get(indexes.get(indexes.size() - 1)));
        boolean stood = indexes.stream().map(events::get).map(Bars::status)
                .anyMatch(s -> s.equals("CREATE_COMPLETE") || s.equals("UPDATE_COMPLETE") || s.equals("IMPORT_COMPLETE"));
        return (last.equals("DELETE_COMPLETE") || last.equals("DELETE_SKIPPED")) && !stood ? Outcome.DELETED : Outcome.COMPLETE;
    }

    /** The index of the stack's first rollback event, or the end of the list when it did not roll back. */
    private static int rollbackStart(List<ResourceEvent> events, String stackName) {
        for (int i = 0; i < events.size(); i++) {
            ResourceEvent e = events.get(i);
            if (isStack(e, stackName) && status(e).contains("ROLLBACK_IN_PROGRESS")) return i;
        }
        return events.size();
    }

    static boolean isStack(ResourceEvent e, String stackName) {
        return STACK_TYPE.equals(e.type()) && e.logicalId() != null && e.logicalId().equals(stackName);
    }

    /** CloudFormation's echo on resources it stopped because another one failed ("Resource creation cancelled"). */
    private static boolean isCancellation(String reason) {
        return reason != null && reason.toLowerCase(Locale.ROOT).contains("cancel");
    }

    private static String status(ResourceEvent e) {
        return e.status() == null ? "" : e.status();
    }
}
