package dev.crossdeploy.localcloud.codepipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a pipeline: its status (InProgress, Stopping, Stopped, Succeeded, Failed,
 * Superseded), the stages it entered, the artifacts its actions wrote (by artifact name) and the
 * source revision its Source action took. {@link #completion()} completes when it ends.
 */
final class PipelineExecution {
    /** The commit the Source action read. */
    record SourceRevision(String actionName, String revisionId, String revisionSummary, String revisionUrl) {}

    private final String id = UUID.randomUUID().toString();
    private final long sequence;
    private final PipelineDefinition pipeline;
    private final Instant startTime;
    private final String triggerType;
    private final String triggerDetail;
    private final List<StageRun> stages = new ArrayList<>();
    private final Map<String, ArtifactLocation> artifacts = new LinkedHashMap<>();
    private final List<SourceRevision> sourceRevisions = new ArrayList<>();
    private final CompletableFuture<PipelineExecution> done = new CompletableFuture<>();
    private String status = "InProgress";
    private String statusSummary;
    private Instant lastUpdateTime;
    private volatile boolean stopRequested;
    private volatile boolean abandon;
    private volatile String stopReason;

    PipelineExecution(long sequence, PipelineDefinition pipeline, Instant startTime, String triggerType, String triggerDetail) {
        this.sequence = sequence;
        this.pipeline = pipeline;
        this.startTime = startTime;
        this.lastUpdateTime = startTime;
        this.triggerType = triggerType;
        this.triggerDetail = triggerDetail;
    }

    String id() { return id; }
    /** Start order within the cloud: a higher sequence is a newer execution. */
    long sequence() { return sequence; }
    PipelineDefinition pipeline() { return pipeline; }
    Instant startTime() { return startTime; }
    String triggerType() { return triggerType; }
    String triggerDetail() { return triggerDetail; }
    CompletableFuture<PipelineExecution> completion() { return done; }

    synchronized String status() { return status; }
    synchronized String statusSummary() { return statusSummary; }
    synchronized Instant lastUpdateTime() { return lastUpdateTime; }
    synchronized List<StageRun> stages() { return List.copyOf(stages); }
    synchronized List<SourceRevision> sourceRevisions() { return List.copyOf(sourceRevisions); }
    synchronized boolean isComplete() { return done.isDone(); }

    synchronized Optional<StageRun> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    synchronized void enter(StageRun stage, Instant at) {
        stages.add(stage);
        lastUpdateTime = at;
    }

    synchronized void touched(Instant at) { lastUpdateTime = at; }

    synchronized void artifact(ArtifactLocation a) { artifacts.put(a.name(), a); }

    synchronized Optional<ArtifactLocation> artifact(String name) { return Optional.ofNullable(artifacts.get(name)); }

    synchronized void sourceRevision(SourceRevision r) { sourceRevisions.add(r); }

    boolean stopRequested() { return stopRequested; }
    boolean abandon() { return abandon; }
    String stopReason() { return stopReason; }

    /** StopPipelineExecution: Stopping until the runner ends it (at once for its running actions when abandoning). */
    synchronized void requestStop(boolean abandonActions, String reason, Instant at) {
        stopRequested = true;
        abandon = abandon || abandonActions;
        stopReason = reason;
        status = "Stopping";
        lastUpdateTime = at;
    }

    synchronized void finish(String finalStatus, String summary, Instant at) {
        if (done.isDone()) return;
        status = finalStatus;
        statusSummary = summary;
        lastUpdateTime = at;
        done.complete(this);
    }
}
