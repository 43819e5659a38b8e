package dev.crossdeploy.localcloud.codebuild;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One build of a project, running or finished: what BatchGetBuilds shows (status, current phase,
 * phases with their contexts, logs location) and what the pipeline takes from it (the output
 * artifact zip, the test reports, the log lines). Builds run asynchronously; wait for one with
 * {@link #awaitCompletion(Duration)}.
 */
public final class Build {
    private final String uuid;
    private final Project project;
    private final long number;
    private final String initiator;
    private final Instant startTime;
    private final Duration timeout;
    private final Map<String, String> environmentOverrides;
    private final String sourceType;
    private final String sourceLocation;
    private final String sourceVersion;
    private final CompletableFuture<Build> done = new CompletableFuture<>();
    private final List<BuildPhase> phases = new ArrayList<>();
    private final List<String> logLines = new ArrayList<>();
    private final List<BuildReport> reports = new ArrayList<>();
    private final Map<String, String> exportedVariables = new LinkedHashMap<>();
    private String status = "IN_PROGRESS";
    private Instant endTime;
    private Path artifact;
    private volatile String stopRequestedBy;

    Build(String uuid, Project project, long number, String initiator, Instant startTime, Duration timeout,
          Map<String, String> environmentOverrides, String sourceType, String sourceLocation, String sourceVersion) {
        this.uuid = uuid;
        this.project = project;
        this.number = number;
        this.initiator = initiator;
        this.startTime = startTime;
        this.timeout = timeout;
        this.environmentOverrides = Map.copyOf(environmentOverrides);
        this.sourceType = sourceType;
        this.sourceLocation = sourceLocation;
        this.sourceVersion = sourceVersion;
    }

    /** {@code <project>:<uuid>}, as CODEBUILD_BUILD_ID. */
    public String id() { return project.name() + ":" + uuid; }
    public String uuid() { return uuid; }
    public String arn() { return "arn:aws:codebuild:" + project.region() + ":" + project.accountId() + ":build/" + id(); }
    public long buildNumber() { return number; }
    public String projectName() { return project.name(); }
    public String accountId() { return project.accountId(); }
    public String region() { return project.region(); }
    public String initiator() { return initiator; }
    public Instant startTime() { return startTime; }
    public Duration timeout() { return timeout; }
    public Map<String, String> environmentOverrides() { return environmentOverrides; }
    public String sourceType() { return sourceType; }
    public String sourceLocation() { return sourceLocation; }
    /** The source version the build was started with (a commit id, an S3 object version), if known. */
    public String sourceVersion() { return sourceVersion; }
    Project project() { return project; }

    /** IN_PROGRESS, SUCCEEDED, FAILED, STOPPED or TIMED_OUT (FAULT when the cloud itself failed). */
    public synchronized String status() { return status; }

    public synchronized boolean isComplete() { return done.isDone(); }

    public synchronized Optional<Instant> endTime() { return Optional.ofNullable(endTime); }

    /** The phase in progress; COMPLETED once the build is over. */
    public synchronized String currentPhase() {
        return phases.isEmpty() ? "SUBMITTED" : phases.get(phases.size() - 1).type();
    }

    public synchronized List<BuildPhase> phases() { return List.copyOf(phases); }

    /** The phase of this type, if the build reached it. */
    public synchronized Optional<BuildPhase> phase(String type) {
        return phases.stream().filter(p -> p.type().equals(type)).findFirst();
    }

    /**
     * Why the build did not succeed, as CodePipeline reports a failed build action
     * ("Build terminated with state: FAILED. Phase: BUILD, Code: ..., Message: ..."); empty
     * while it runs or when it succeeded.
     */
    public synchronized Optional<String> failureSummary() {
        if (!done.isDone() || status.equals("SUCCEEDED")) return Optional.empty();
        String summary = "Build terminated with state: " + status;
        for (BuildPhase p : phases) {
            if (p.status() != null && !p.status().equals("SUCCEEDED") && !p.contexts().isEmpty()) {
                BuildPhase.Context c = p.contexts().get(0);
                return Optional.of(summary + ". Phase: " + p.type() + ", Code: " + c.statusCode() + ", Message: " + c.message());
            }
        }
        return Optional.of(summary);
    }

    /** Every line the build logged (CodeBuild's own [Container] lines and the commands' output), in order. */
    public synchronized List<String> logLines() { return List.copyOf(logLines); }

    /** The output artifact (a zip of the buildspec's artifacts files), once uploaded. */
    public synchronized Optional<Path> artifact() { return Optional.ofNullable(artifact); }

    public synchronized List<BuildReport> reports() { return List.copyOf(reports); }

    /** The buildspec's {@code env.exported-variables} with their values at the end of the build (CodePipeline's action outputs). */
    public synchronized Map<String, String> exportedVariables() { return Map.copyOf(exportedVariables); }

    public String logGroupName() { return project.logGroupName(); }

    /** The log stream: the build id's uuid, after the project's stream name prefix if it has one. */
    public String logStreamName() {
        return project.logStreamPrefix() == null ? uuid : project.logStreamPrefix() + "/" + uuid;
    }

    /**
     * Waits at most {@code bound} for the build to finish.
     *
     * @return this build, complete
     * @throws TimeoutException when it is still running after {@code bound}
     */
    public Build awaitCompletion(Duration bound) throws TimeoutException, InterruptedException {
        try {
            return done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The build's runner failed", e.getCause());
        }
    }

    /** A future completed with this build when it finishes. */
    public CompletableFuture<Build> completion() { return done.copy(); }

    // ---- the runner's side ----

    synchronized void enterPhase(String type, Instant at) {
        phases.add(new BuildPhase(type, null, at, null, List.of()));
    }

    /** Ends the phase in progress with a status and its context (empty code and message when it succeeded). */
    synchronized void endPhase(String phaseStatus, Instant at, String code, String message) {
        int last = phases.size() - 1;
        phases.set(last, phases.get(last).ended(phaseStatus, at, new BuildPhase.Context(code, message)));
    }

    synchronized void log(String line) { logLines.add(line); }

    synchronized void artifact(Path zip) { this.artifact = zip; }

    synchronized void addReport(BuildReport report) { reports.add(report); }

    synchronized void exportVariable(String name, String value) { exportedVariables.put(name, value); }

    synchronized void finish(String finalStatus, Instant at) {
        if (done.isDone()) return;
        status = finalStatus;
        endTime = at;
        phases.add(new BuildPhase("COMPLETED", null, at, null, List.of()));
        done.complete(this);
    }

    void requestStop(String by) { stopRequestedBy = by; }

    String stopRequestedBy() { return stopRequestedBy; }
}
