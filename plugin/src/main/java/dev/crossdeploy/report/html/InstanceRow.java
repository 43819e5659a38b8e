package dev.crossdeploy.report.html;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One stack instance of a stack set rollout as its page shows it.
 *
 * @param status SUCCEEDED, FAILED, CANCELLED, NOT_STARTED, or the last status seen when the rollout stopped watching
 * @param reason CloudFormation's status reason, or why it did not start; empty when none
 * @param start  when its operation result was first seen RUNNING, else when its operation started; null when it never ran
 * @param end    when it was first seen ended, else when its operation ended; null when it never ran
 */
public record InstanceRow(String stage, String account, String region, String status, String reason, Instant start, Instant end) {
    public InstanceRow {
        reason = reason == null ? "" : reason;
        status = status == null ? "NOT_STARTED" : status;
    }

    public boolean failed() { return "FAILED".equals(status); }

    public boolean succeeded() { return "SUCCEEDED".equals(status); }

    /** Its span in the timeline, when it ran. */
    public Optional<Bar> bar() {
        if (start == null || end == null) return Optional.empty();
        return Optional.of(new Bar(stage, account + " " + region, start, end.isBefore(start) ? start : end, outcome()));
    }

    public Duration duration() {
        return start == null || end == null || end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
    }

    /** SUCCEEDED green, FAILED red, anything else (CloudFormation cancelled it) amber. */
    Outcome outcome() {
        return succeeded() ? Outcome.COMPLETE : failed() ? Outcome.FAILED : Outcome.ROLLED_BACK;
    }

    /** Failed first, then the ones that did not finish, then the ones that succeeded. */
    int rank() {
        return failed() ? 0 : succeeded() ? 2 : 1;
    }
}
