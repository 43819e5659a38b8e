package dev.crossdeploy.report.html;

import dev.crossdeploy.report.ChangeSetTable;

import java.time.Duration;
import java.util.List;

/**
 * What the page shows about one stage's deployment.
 *
 * @param status     the stack's final status (or DRY_RUN); null when the run failed before the stack settled
 * @param changed    whether a change set was executed
 * @param artifact   where the artifact lives, s3://bucket/key; null when the template had none
 * @param rootCause  why the deployment failed, as the console printed it; null when it succeeded
 */
public record StageReport(String stage, String account, String region, String stackName, String status,
                          boolean changed, Duration duration, String artifactSha256, String artifact,
                          List<ChangeSetTable.Change> changes, List<ResourceEvent> events, String rootCause) {
    public StageReport {
        changes = List.copyOf(changes);
        events = List.copyOf(events);
    }

    public boolean succeeded() { return rootCause == null; }

    /** A deployment that found the stack already matching: nothing was executed. */
    public boolean noChanges() { return succeeded() && !changed && changes.isEmpty() && !"DRY_RUN".equals(status); }

    /** The result in a word or two: the final status, "FAILED (status)", or "NO CHANGES". */
    public String result() {
        if (!succeeded()) return status == null ? "FAILED" : "FAILED (" + status + ")";
        if (noChanges()) return "NO CHANGES";
        return status == null ? "OK" : status;
    }
}
