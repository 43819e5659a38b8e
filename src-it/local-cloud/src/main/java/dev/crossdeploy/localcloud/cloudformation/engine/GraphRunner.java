package dev.crossdeploy.localcloud.cloudformation.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one step per node in dependency order, independent nodes concurrently. After the first
 * failure no new step starts (when asked) and running steps see {@link Cancel#cancelled()}.
 */
final class GraphRunner {

    /** The signal a failing step sends to the steps still running. */
    static final class Cancel {
        private final CountDownLatch latch = new CountDownLatch(1);

        void fire() { latch.countDown(); }

        boolean cancelled() { return latch.getCount() == 0; }

        /** Waits up to {@code millis}; true when cancelled meanwhile. */
        boolean await(long millis) {
            try {
                return latch.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
    }

    /** What a step reports. */
    enum Outcome { DONE, FAILED, CANCELLED }

    interface Step {
        Outcome run(String node, Cancel cancel);
    }

    record Result(Set<String> done, Set<String> failed, Set<String> cancelled, Set<String> notStarted) {
        boolean ok() { return failed.isEmpty() && cancelled.isEmpty() && notStarted.isEmpty(); }
    }

    private GraphRunner() {}

    /** @param deps node → nodes that must be DONE before it starts (others are ignored) */
    static Result run(ExecutorService pool, List<String> nodes, Map<String, Set<String>> deps, Step step,
                      boolean stopOnFailure) {
        Set<String> done = new LinkedHashSet<>();
        Set<String> failed = new LinkedHashSet<>();
        Set<String> cancelled = new LinkedHashSet<>();
        Set<String> started = new LinkedHashSet<>();
        Cancel cancel = new Cancel();
        CompletionService<Object[]> cs = new ExecutorCompletionService<>(pool);
        int running = 0;
        boolean stop = false;
        while (true) {
            if (!stop) {
                for (String n : nodes) {
                    if (started.contains(n)) continue;
                    boolean ready = true;
                    for (String d : deps.getOrDefault(n, Set.of())) {
                        if (nodes.contains(d) && !done.contains(d)) { ready = false; break; }
                    }
                    if (!ready) continue;
                    started.add(n);
                    running++;
                    cs.submit(() -> {
                        try {
                            return new Object[]{n, step.run(n, cancel)};
                        } catch (RuntimeException e) {
                            return new Object[]{n, Outcome.FAILED};
                        }
                    });
                }
            }
            if (running == 0) break;
            try {
                Object[] r = cs.take().get();
                running--;
                String n = (String) r[0];
                switch ((Outcome) r[1]) {
                    case DONE -> done.add(n);
                    case CANCELLED -> cancelled.add(n);
                    case FAILED -> {
                        failed.add(n);
                        if (stopOnFailure) {
                            stop = true;
                            cancel.fire();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
                cancel.fire();
                break;
            } catch (ExecutionException e) {
                running--;
            }
        }
        Set<String> notStarted = new LinkedHashSet<>(nodes);
        notStarted.removeAll(started);
        return new Result(done, failed, cancelled, notStarted);
    }
}
