package dev.crossdeploy.stack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a drift detection found on one stack: {@code deployed} false when there is no deployed
 * stack to check; {@code items} empty when it is in sync.
 */
public record DriftReport(String stackName, boolean deployed, List<DriftItem> items) {
    /** How many items a one-line summary names before "and N more". */
    static final int SUMMARY_ITEMS = 3;

    public DriftReport { items = List.copyOf(items); }

    public boolean drifted() { return !items.isEmpty(); }

    /** The first few items, then "and N more". */
    public String summary() {
        String named = items.stream().limit(SUMMARY_ITEMS).map(DriftItem::summary).collect(Collectors.joining("; "));
        int rest = items.size() - SUMMARY_ITEMS;
        return rest > 0 ? named + "; and " + rest + " more" : named;
    }
}
