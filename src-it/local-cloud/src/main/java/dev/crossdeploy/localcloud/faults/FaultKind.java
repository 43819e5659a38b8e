package dev.crossdeploy.localcloud.faults;

/** What an injected fault does to a matching request. */
public enum FaultKind {
    /** The service's throttling error (Throttling, SlowDown). */
    THROTTLE,
    /** HTTP 500 with the service's internal error code. */
    INTERNAL_ERROR,
    /** HTTP 503 ServiceUnavailable. */
    UNAVAILABLE,
    /** Waits {@code delayMillis}, then answers normally. */
    DELAY,
    /** Closes the connection without an answer. */
    DROP_CONNECTION,
    /** Carries the request out, then closes the connection without an answer: a write the client must retry safely. */
    LOSE_RESPONSE
}
