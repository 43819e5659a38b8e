package dev.crossdeploy.localcloud.cloudformation.stacksets;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Runs an operation's accounts in one region as CloudFormation does: a few at a time (the
 * preferences' concurrency, lowered in strict mode as failures come in), and once failures
 * exceed the region's tolerance starts no more: deployments under way finish, the accounts not
 * started are CANCELLED.
 */
final class RegionRollout {
    /** Runs one account's deployment and records its outcome on the result. */
    interface Deployment {
        void run(OperationResult result);
    }

    private final ExecutorService pool;

    RegionRollout(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * @param stopped says the cloud was reset: start nothing more
     * @return true when the region's failures stayed within its tolerance
     */
    boolean run(OperationPreferences prefs, List<OperationResult> results, Deployment deployment, BooleanSupplier stopped) {
        int accounts = results.size();
        int tolerance = prefs.tolerance(accounts);
        Deque<OperationResult> waiting = new ArrayDeque<>(results);
        Object lock = new Object();
        int[] running = {0};
        int[] failed = {0};
        synchronized (lock) {
            while (true) {
                while (!waiting.isEmpty() && failed[0] <= tolerance && !stopped.getAsBoolean()
                        && running[0] < prefs.concurrencyNow(accounts, failed[0])) {
                    OperationResult next = waiting.poll();
                    running[0]++;
                    pool.submit(() -> {
                        try {
                            deployment.run(next);
                        } catch (RuntimeException e) {
                            next.finish("FAILED", "Internal Failure");
                        } finally {
                            synchronized (lock) {
                                running[0]--;
                                if (next.failed()) failed[0]++;
                                lock.notifyAll();
                            }
                        }
                    });
                }
                boolean nothingToStart = waiting.isEmpty() || failed[0] > tolerance || stopped.getAsBoolean();
                if (running[0] == 0 && nothingToStart) break;
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        waiting.forEach(RegionRollout::cancel);
        return failed[0] <= tolerance;
    }

    static void cancel(OperationResult r) { r.finish("CANCELLED", OperationResult.CANCELLED_REASON); }
}
