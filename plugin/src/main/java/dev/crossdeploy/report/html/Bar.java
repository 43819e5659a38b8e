package dev.crossdeploy.report.html;

import java.time.Duration;
import java.time.Instant;

/**
 * One span in the timeline: a resource's, from its first IN_PROGRESS event (else its first event)
 * to its final event; or a stack instance's in a stack set rollout, labelled with its stage
 * ({@code logicalId}) and its account and region ({@code type}).
 */
public record Bar(String logicalId, String type, Instant start, Instant end, Outcome outcome) {
    public Duration duration() { return Duration.between(start, end); }
}
