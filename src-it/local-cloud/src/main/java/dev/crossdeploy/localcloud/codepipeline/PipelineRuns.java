package dev.crossdeploy.localcloud.codepipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The executions of one pipeline (newest first) and the gates its stages keep. */
final class PipelineRuns {
    private final List<PipelineExecution> executions = new ArrayList<>();
    private final StageGates gates = new StageGates();

    StageGates gates() { return gates; }

    synchronized void add(PipelineExecution e) { executions.add(0, e); }

    synchronized List<PipelineExecution> newestFirst() { return List.copyOf(executions); }

    synchronized Optional<PipelineExecution> find(String id) {
        return executions.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The stage run of the newest execution that entered this stage. */
    synchronized Optional<StageRun> latestStage(String stageName) {
        for (PipelineExecution e : executions) {
            Optional<StageRun> s = e.stage(stageName);
            if (s.isPresent()) return s;
        }
        return Optional.empty();
    }

    /** The newest execution that entered this stage. */
    synchronized Optional<PipelineExecution> latestIn(String stageName) {
        return executions.stream().filter(e -> e.stage(stageName).isPresent()).findFirst();
    }
}
