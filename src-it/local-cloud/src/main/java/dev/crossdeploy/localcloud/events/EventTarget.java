package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Delivers events to one kind of target (pipelines, functions), chosen by the target ARN's service. */
public interface EventTarget {

    /**
     * Delivers {@code input} (the event, or what the target's Input/InputPath make of it).
     *
     * @throws TargetFailure when the delivery fails; a failed invocation, never an error for the publisher
     */
    void deliver(Rule rule, Rule.Target target, JsonNode input) throws TargetFailure;

    /** A delivery that did not happen, and why. */
    final class TargetFailure extends Exception {
        public TargetFailure(String message) { super(message, null, false, false); }
    }
}
