package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.codebuild.Build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One action execution: status (InProgress, Succeeded, Failed, Abandoned), its summary, the
 * external execution (a build id), the approval token while an approval waits, and the
 * artifacts it read and wrote.
 */
final class ActionRun {
    /** An approval's outcome: Approved or Rejected, with the approver's summary. */
    record ApprovalResult(String status, String summary, String by) {}

    private final String id = UUID.randomUUID().toString();
    private final String pipelineExecutionId;
    private final String stageName;
    private final PipelineDefinition.Action action;
    private final Instant startTime;
    private final List<ArtifactLocation> inputs = new ArrayList<>();
    private final List<ArtifactLocation> outputs = new ArrayList<>();
    private final CompletableFuture<ApprovalResult> approval = new CompletableFuture<>();
    private String status = "InProgress";
    private String summary;
    private String externalExecutionId;
    private String externalExecutionUrl;
    private String token;
    private String issuedToken;
    private String updatedBy;
    private Instant lastStatusChange;
    private volatile Build build;

    ActionRun(String pipelineExecutionId, String stageName, PipelineDefinition.Action action, Instant at) {
        this.pipelineExecutionId = pipelineExecutionId;
        this.stageName = stageName;
        this.action = action;
        this.startTime = at;
        this.lastStatusChange = at;
    }

    String id() { return id; }
    String pipelineExecutionId() { return pipelineExecutionId; }
    String stageName() { return stageName; }
    PipelineDefinition.Action action() { return action; }
    Instant startTime() { return startTime; }
    CompletableFuture<ApprovalResult> approval() { return approval; }
    Build build() { return build; }
    void build(Build b) { this.build = b; }

    synchronized String status() { return status; }
    synchronized String summary() { return summary; }
    synchronized Optional<String> token() { return Optional.ofNullable(token); }
    /** The token this approval handed out, also once it was answered. */
    synchronized Optional<String> approvalToken() { return Optional.ofNullable(issuedToken); }
    synchronized String externalExecutionId() { return externalExecutionId; }
    synchronized String externalExecutionUrl() { return externalExecutionUrl; }
    synchronized String updatedBy() { return updatedBy; }
    synchronized Instant lastStatusChange() { return lastStatusChange; }
    synchronized List<ArtifactLocation> inputs() { return List.copyOf(inputs); }
    synchronized List<ArtifactLocation> outputs() { return List.copyOf(outputs); }
    synchronized boolean isComplete() { return !status.equals("InProgress"); }

    synchronized void input(ArtifactLocation a) { inputs.add(a); }
    synchronized void output(ArtifactLocation a) { outputs.add(a); }

    synchronized void external(String executionId, String url, Instant at) {
        this.externalExecutionId = executionId;
        this.externalExecutionUrl = url;
        this.lastStatusChange = at;
    }

    synchronized void awaitApproval(String approvalToken, Instant at) {
        this.token = approvalToken;
        this.issuedToken = approvalToken;
        this.lastStatusChange = at;
    }

    synchronized void finish(String finalStatus, String finalSummary, String by, Instant at) {
        if (isComplete()) return;
        this.status = finalStatus;
        this.summary = finalSummary;
        this.updatedBy = by;
        this.token = null;
        this.lastStatusChange = at;
    }
}
