package dev.crossdeploy.report.html;

import dev.crossdeploy.report.ChangeSetTable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects, while one stage deploys, what its report shows: fed by the stack engine from the
 * calls it makes anyway, so the report costs no request of its own. Calls come from the stage's
 * one thread; the methods are synchronized so the thread writing the page sees them all.
 */
public final class StageRecord {
    private final String stage;
    private final String account;
    private final String region;
    private String stackName = "";
    private String status;
    private boolean changed;
    private String artifactSha256;
    private String artifact;
    private final List<ChangeSetTable.Change> changes = new ArrayList<>();
    private final List<ResourceEvent> events = new ArrayList<>();
    private String rootCause;
    private Instant started;
    private Instant ended;

    public StageRecord(String stage, String account, String region) {
        this.stage = stage;
        this.account = account;
        this.region = region;
    }

    /** A record nobody reads, for deployments made without a report. */
    public static StageRecord unused() { return new StageRecord("", "", ""); }

    public synchronized void stackName(String name) { this.stackName = name; }

    public synchronized void artifact(String bucket, String key, String sha256) {
        this.artifact = "s3://" + bucket + "/" + key;
        this.artifactSha256 = sha256;
    }

    /** The change set's rows; a later round's change set replaces an earlier one. */
    public synchronized void changes(List<ChangeSetTable.Change> rows) {
        changes.clear();
        changes.addAll(rows);
    }

    public synchronized void events(List<ResourceEvent> seen) { events.addAll(seen); }

    /** The stack settled in {@code status}; {@code executed}: a change set ran. */
    public synchronized void finished(String status, boolean executed) {
        this.status = status;
        this.changed = executed;
    }

    /** The deployment failed: the stack's status (null if it never settled) and the root cause the console printed. */
    public synchronized void failed(String status, String cause) {
        if (status != null) this.status = status;
        this.changed = true;
        this.rootCause = cause;
    }

    synchronized void started(Instant at) { this.started = at; }

    synchronized void ended(Instant at) { this.ended = at; }

    /** A failure the engine did not explain itself (a refusal, a timeout): its message is the cause. */
    synchronized void failedWith(String message) {
        if (rootCause == null) rootCause = message == null || message.isBlank() ? "failed without a message" : message;
    }

    public synchronized StageReport report() {
        Duration took = started == null || ended == null ? Duration.ZERO : Duration.between(started, ended);
        return new StageReport(stage, account, region, stackName, status, changed, took, artifactSha256, artifact,
                changes, events, rootCause);
    }
}
