package dev.crossdeploy.localcloud.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fault rules in force. Off until a test adds a rule, in-process or through the admin
 * path {@code /_localcloud/faults}; {@link #clear()} or a cloud reset removes them all.
 */
public final class Faults {
    private final List<Active> rules = new ArrayList<>();
    private int totalFired;

    private static final class Active {
        final FaultRule rule;
        int remaining;
        Active(FaultRule rule) { this.rule = rule; this.remaining = rule.count(); }
    }

    public synchronized void add(FaultRule rule) { rules.add(new Active(rule)); }

    public synchronized void clear() {
        rules.clear();
        totalFired = 0;
    }

    /** How many times rules have fired since they were added, for tests to assert on. */
    public synchronized int fired() { return totalFired; }

    /** The fault to apply to this call, if any; counts it against its rule. */
    public synchronized Optional<FaultRule> next(String service, String action) {
        for (Iterator<Active> it = rules.iterator(); it.hasNext(); ) {
            Active a = it.next();
            if (!a.rule.matches(service, action)) continue;
            if (a.rule.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= a.rule.probability()) continue;
            totalFired++;
            if (a.rule.count() > 0 && --a.remaining == 0) it.remove();
            return Optional.of(a.rule);
        }
        return Optional.empty();
    }
}
