package dev.crossdeploy.localcloud.cloudformation.stacksets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Runs a stack set operation in the background: its regions one after another in the
 * preferences' order (or all at once when PARALLEL), each rolled out with the region's
 * tolerance. A region that fails stops a sequential operation: later regions are CANCELLED.
 * The operation ends SUCCEEDED when every region stayed within its tolerance, FAILED otherwise.
 */
final class OperationRunner {
    private final ExecutorService pool;
    private final RegionRollout rollout;
    private final InstanceDeployer deployer;
    private final Clock clock;

    OperationRunner(ExecutorService pool, InstanceDeployer deployer, Clock clock) {
        this.pool = pool;
        this.rollout = new RegionRollout(pool);
        this.deployer = deployer;
        this.clock = clock;
    }

    void start(StackSetOperation op, BooleanSupplier stopped) {
        pool.submit(() -> run(op, stopped));
    }

    private void run(StackSetOperation op, BooleanSupplier stopped) {
        boolean ok;
        try {
            ok = op.preferences.parallelRegions() ? parallel(op, stopped) : sequential(op, stopped);
        } catch (RuntimeException e) {
            ok = false;
            op.statusReason = "Internal Failure";
        }
        op.set.end(op, ok ? "SUCCEEDED" : "FAILED", clock.instant());
    }

    private boolean sequential(StackSetOperation op, BooleanSupplier stopped) {
        boolean ok = true;
        for (String region : op.regions()) {
            List<OperationResult> results = op.resultsIn(region);
            if (!ok) {
                results.forEach(r -> cancel(op, r));
                continue;
            }
            ok = region(op, results, stopped);
        }
        return ok;
    }

    private boolean parallel(StackSetOperation op, BooleanSupplier stopped) {
        List<Future<Boolean>> regions = new ArrayList<>();
        for (String region : op.regions()) regions.add(pool.submit(() -> region(op, op.resultsIn(region), stopped)));
        boolean ok = true;
        for (Future<Boolean> f : regions) {
            try {
                ok &= f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                ok = false;
            }
        }
        return ok;
    }

    private boolean region(StackSetOperation op, List<OperationResult> results, BooleanSupplier stopped) {
        boolean ok = rollout.run(op.preferences, results, r -> deployer.run(op, instanceOf(op, r), r), stopped);
        // Instances of accounts the region never started stay as they were, marked cancelled.
        for (OperationResult r : results) {
            if (r.status.equals("CANCELLED")) cancel(op, r);
        }
        return ok;
    }

    /** The instance the result is about; deleting one the set does not have touches nothing of the set. */
    private static StackInstance instanceOf(StackSetOperation op, OperationResult r) {
        if (op.action.equals("DELETE")) {
            return op.set.instance(r.account, r.region).orElseGet(() -> new StackInstance(r.account, r.region));
        }
        return op.set.instanceFor(r.account, r.region);
    }

    private static void cancel(StackSetOperation op, OperationResult r) {
        RegionRollout.cancel(r);
        op.set.instance(r.account, r.region).ifPresent(i -> i.settle("OUTDATED", "CANCELLED", OperationResult.CANCELLED_REASON));
    }
}
