package dev.crossdeploy.testing;

import dev.crossdeploy.localcloud.faults.Holds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine run on its own thread that a test stops dead at a request the local cloud holds, as
 * if its process were killed there: from then on it does nothing, while the test runs the next,
 * fresh run. Closing it (after the assertions) interrupts it and lets its held requests go, so
 * its thread ends before the next test.
 */
public final class KilledRun implements AutoCloseable {
    private final Thread thread;
    private final List<Holds.Hold> holds = new ArrayList<>();

    private KilledRun(Runnable work) {
        thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException ignored) {
                // What a killed run would have done next does not matter.
            }
        }, "killed-run");
        thread.setDaemon(true);
    }

    /** Starts {@code work} and returns once {@code hold} caught one of its requests. */
    public static KilledRun killedAt(Holds.Hold hold, Runnable work) throws InterruptedException {
        KilledRun run = new KilledRun(work);
        run.holds.add(hold);
        run.thread.start();
        if (!hold.awaitArrival(Duration.ofSeconds(30))) throw new AssertionError("the run never reached the held request");
        return run;
    }

    /** Lets {@code passed} go and kills the run at {@code next} instead (a later point of the same run). */
    public KilledRun movedTo(Holds.Hold passed, Holds.Hold next) throws InterruptedException {
        holds.add(next);
        passed.release();
        if (!next.awaitArrival(Duration.ofSeconds(30))) throw new AssertionError("the run never reached the next held request");
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        holds.forEach(Holds.Hold::release);
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
