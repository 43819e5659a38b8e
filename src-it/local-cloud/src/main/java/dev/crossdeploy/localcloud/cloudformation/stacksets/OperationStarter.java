package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.http.QueryParams;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * Starts a stack set operation: one at a time per set, idempotent on OperationId (the same id
 * with the same input answers with the same operation; with other input it is refused), the
 * targeted instances marked PENDING, then run in the background.
 */
final class OperationStarter {
    /** An account and region the operation acts on. */
    record Target(String account, String region) {}

    /** Changes the set makes once the operation is accepted (UpdateStackSet's new definition, overrides). */
    interface Change {
        void apply();
    }

    private final OperationRunner runner;
    private final Clock clock;
    private final IntSupplier generation;

    /** @param generation the cloud's reset count: an operation stops starting instances once it moves on */
    OperationStarter(OperationRunner runner, Clock clock, IntSupplier generation) {
        this.runner = runner;
        this.clock = clock;
        this.generation = generation;
    }

    /** @return the operation's id */
    String start(StackSet set, String action, QueryParams p, Boolean retainStacks, List<Target> targets, Change change) {
        String id = p.get("OperationId") != null ? p.get("OperationId") : UUID.randomUUID().toString();
        checkId(id);
        OperationPreferences prefs = OperationPreferences.read(p);
        String request = new TreeMap<>(p.asMap()).toString();
        StackSetOperation op;
        synchronized (set) {
            Optional<StackSetOperation> existing = set.operation(id);
            if (existing.isPresent()) {
                if (existing.get().request.equals(request)) return id;
                throw StackSetErrors.operationIdExists(id);
            }
            if (set.busy()) throw StackSetErrors.inProgress(set.arn);
            change.apply();
            op = new StackSetOperation(id, action, set, prefs, retainStacks, clock.instant(), request);
            for (String region : prefs.orderRegions(targets.stream().map(Target::region).distinct().toList())) {
                for (Target t : targets) {
                    if (!t.region().equals(region)) continue;
                    op.add(t.account(), t.region());
                    if (action.equals("DELETE")) set.instance(t.account(), t.region()).ifPresent(i -> i.pending(id));
                    else set.instanceFor(t.account(), t.region()).pending(id);
                }
            }
            set.begin(op);
        }
        int startedIn = generation.getAsInt();
        runner.start(op, () -> generation.getAsInt() != startedIn);
        return id;
    }

    private static void checkId(String id) {
        if (id.length() > 128) {
            throw StackSetErrors.constraint(id, "operationId", "Member must have length less than or equal to 128");
        }
        if (!id.matches("[a-zA-Z0-9][-a-zA-Z0-9]*")) {
            throw StackSetErrors.constraint(id, "operationId",
                    "Member must satisfy regular expression pattern: [a-zA-Z0-9][-a-zA-Z0-9]*");
        }
    }
}
