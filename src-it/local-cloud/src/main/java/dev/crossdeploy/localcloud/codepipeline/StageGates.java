package dev.crossdeploy.localcloud.codepipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may enter which stage of one pipeline, by the execution's mode. SUPERSEDED (the default):
 * a stage runs one execution at a time; an execution that finished a stage waits to enter the
 * next while it is busy, and a newer execution arriving at the same stage supersedes the waiting
 * older one (which then ends Superseded); arriving behind a newer one, an execution is itself
 * superseded. QUEUED: one at a time too, the waiting ones entering in start order. PARALLEL:
 * executions do not wait for each other.
 */
final class StageGates {
    /** What {@link #enter} decided. */
    enum Entry { ENTERED, SUPERSEDED, STOPPED }

    private final Map<Integer, PipelineExecution> occupant = new HashMap<>();
    /** Per stage, the executions waiting to enter it, oldest first. */
    private final Map<Integer, List<PipelineExecution>> waiting = new HashMap<>();

    /** Waits until the execution may run stage {@code index}, it is superseded, or it is stopped. */
    synchronized Entry enter(int index, PipelineExecution execution) throws InterruptedException {
        String mode = execution.pipeline().executionMode();
        if (mode.equals("PARALLEL")) return execution.stopRequested() ? Entry.STOPPED : Entry.ENTERED;
        List<PipelineExecution> queue = waiting.computeIfAbsent(index, k -> new ArrayList<>());
        if (mode.equals("SUPERSEDED")) {
            if (queue.stream().anyMatch(w -> w.sequence() > execution.sequence())) return Entry.SUPERSEDED;
            queue.clear();
        }
        queue.add(execution);
        queue.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        notifyAll();
        try {
            while (true) {
                if (!queue.contains(execution)) return Entry.SUPERSEDED;
                if (execution.stopRequested()) {
                    queue.remove(execution);
                    notifyAll();
                    return Entry.STOPPED;
                }
                if (occupant.get(index) == null && queue.get(0) == execution) {
                    queue.remove(0);
                    occupant.put(index, execution);
                    return Entry.ENTERED;
                }
                wait();
            }
        } catch (InterruptedException e) {
            queue.remove(execution);
            notifyAll();
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
