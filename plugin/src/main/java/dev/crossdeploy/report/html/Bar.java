package dev.crossdeploy.report.html;

import java.time.Duration;
import java.time.Instant;

/**
 * One resource's span in the timeline: from its first IN_PROGRESS event (else its first event)
 * to its final event.
 */
public record Bar(String logicalId, String type, Instant start, Instant end, Outcome outcome) {
    public Duration duration() { return Duration.between(start, end); }
}
