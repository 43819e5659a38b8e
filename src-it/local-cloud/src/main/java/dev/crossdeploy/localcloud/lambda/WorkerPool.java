package dev.crossdeploy.localcloud.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The cloud's warm workers, at most {@code max} at once: an idle worker built from the same
 * function version (same code, same configuration, credentials still good) is reused; a stale
 * one is stopped; when the cap is reached the longest-idle worker makes room, and when every
 * worker is busy the caller waits for one, up to a bound, then is throttled as Lambda throttles.
 */
final class WorkerPool implements AutoCloseable {
    /** Starts a worker for a spec (the cloud's launch, credentials and logs). */
    interface Factory {
        Worker start(FunctionSpec spec) throws IOException;
    }

    private final int max;
    private final Factory factory;
    private final Supplier<Instant> clock;
    private final List<Worker> workers = new ArrayList<>();
    private final Set<Worker> busy = new HashSet<>();
    /** Workers being started outside the lock, counted against the cap. */
    private int reservedSlots;
    private boolean closed;

    WorkerPool(int max, Factory factory, Supplier<Instant> clock) {
        this.max = max;
        this.factory = factory;
        this.clock = clock;
    }

    /** A worker reserved for one invocation of {@code spec}; give it back with {@link #release}. */
    Worker acquire(FunctionSpec spec, long waitMillis) throws InterruptedException {
        List<Worker> toStop = new ArrayList<>();
        Worker reserved = null;
        boolean startNew = false;
        synchronized (this) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (reserved == null && !startNew) {
                if (closed) throw LambdaErrors.tooManyRequests("Rate Exceeded.");
                retireStale(spec, toStop);
                Optional<Worker> idle = workers.stream()
                        .filter(w -> !busy.contains(w) && w.spec().equals(spec)).findFirst();
                if (idle.isPresent()) {
                    reserved = idle.get();
                } else if (workers.size() + reservedSlots < max) {
                    startNew = true;
                    reservedSlots++;
                } else {
                    Optional<Worker> oldest = workers.stream().filter(w -> !busy.contains(w))
                            .min(Comparator.comparingLong(Worker::lastUsedNanos));
                    if (oldest.isPresent()) {
                        workers.remove(oldest.get());
                        toStop.add(oldest.get());
                        continue;
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0) {
                        stopAll(toStop);
                        throw LambdaErrors.tooManyRequests("Rate Exceeded.");
                    }
                    wait(left);
                }
            }
            if (reserved != null) busy.add(reserved);
        }
        stopAll(toStop);
        if (reserved != null) return reserved;
        try {
            Worker started = factory.start(spec);
            synchronized (this) {
                reservedSlots--;
                if (closed) {
                    started.close();
                    throw LambdaErrors.tooManyRequests("Rate Exceeded.");
                }
                workers.add(started);
                busy.add(started);
            }
            return started;
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                reservedSlots--;
                notifyAll();
            }
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    /** Gives a worker back after its invocation; a worker that ended is dropped. */
    void release(Worker worker) {
        boolean drop;
        synchronized (this) {
            busy.remove(worker);
            drop = !worker.alive();
            if (drop) workers.remove(worker);
            notifyAll();
        }
        if (drop) worker.close();
    }

    /** Idle workers of this function version built from another spec, or whose credentials run out. */
    private void retireStale(FunctionSpec spec, List<Worker> toStop) {
        Instant now = clock.get();
        for (Worker w : List.copyOf(workers)) {
            if (busy.contains(w)) continue;
            boolean sameVersion = w.spec().functionArn().equals(spec.functionArn()) && w.spec().version().equals(spec.version());
            if (!w.alive() || sameVersion && !w.spec().equals(spec) || !w.credentialsLast(now)) {
                workers.remove(w);
                toStop.add(w);
            }
        }
    }

    /** Stops every worker of a function (all versions), busy or not: the function is gone. */
    void stopFunction(String functionArn) {
        List<Worker> toStop;
        synchronized (this) {
            toStop = workers.stream().filter(w -> w.spec().functionArn().equals(functionArn)).toList();
            workers.removeAll(toStop);
            notifyAll();
        }
        stopAll(toStop);
    }

    /** Running workers (for tests and the admin view). */
    synchronized List<Worker> workers() { return List.copyOf(workers); }

    /** Stops every worker; the pool stays usable (the cloud's reset). */
    void stopEverything() {
        List<Worker> toStop;
        synchronized (this) {
            toStop = List.copyOf(workers);
            workers.clear();
            notifyAll();
        }
        stopAll(toStop);
    }

    @Override
    public void close() {
        synchronized (this) { closed = true; }
        stopEverything();
    }

    private static void stopAll(List<Worker> toStop) {
        toStop.forEach(Worker::close);
    }
}
