package dev.crossdeploy.localcloud.codepipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * Who may enter which stage of one pipeline, in SUPERSEDED mode: a stage runs one execution at a
 * time; an execution that finished a stage waits to enter the next while it is busy, and a newer
 * execution arriving at the same stage supersedes the waiting older one (which then ends
 * Superseded). An execution never overtakes a newer one: arriving behind it, it is superseded.
 */
final class StageGates {
    /** What {@link #enter} decided. */
    enum Entry { ENTERED, SUPERSEDED, STOPPED }

    private final Map<Integer, PipelineExecution> occupant = new HashMap<>();
    private final Map<Integer, PipelineExecution> waiting = new HashMap<>();

    /** Waits until the execution may run stage {@code index}, it is superseded, or it is stopped. */
    synchronized Entry enter(int index, PipelineExecution execution) throws InterruptedException {
        PipelineExecution queued = waiting.get(index);
        if (queued != null && queued != execution) {
            if (queued.sequence() > execution.sequence()) return Entry.SUPERSEDED;
            waiting.put(index, execution);
            notifyAll();
        }
        waiting.put(index, execution);
        try {
            while (true) {
                if (waiting.get(index) != execution) return Entry.SUPERSEDED;
                if (execution.stopRequested()) {
                    waiting.remove(index);
                    return Entry.STOPPED;
                }
                PipelineExecution busy = occupant.get(index);
                if (busy == null) {
                    waiting.remove(index);
                    occupant.put(index, execution);
                    return Entry.ENTERED;
                }
                wait();
            }
        } catch (InterruptedException e) {
            if (waiting.get(index) == execution) waiting.remove(index);
            throw e;
        }
    }

    /** The execution left the stage (done with it, failed or stopped). */
    synchronized void leave(int index, PipelineExecution execution) {
        if (occupant.get(index) == execution) occupant.remove(index);
        notifyAll();
    }

    /** Wakes waiting executions so a stop request is seen. */
    synchronized void wake() { notifyAll(); }
}
