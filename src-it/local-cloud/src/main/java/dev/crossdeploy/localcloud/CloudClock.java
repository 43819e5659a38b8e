package dev.crossdeploy.localcloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The local cloud's notion of "now" for expiry and timestamps: the system clock plus an offset
 * that tests move forward (to expire temporary credentials) without waiting. Signature freshness
 * is checked against the real system clock, because SDK clients sign with it.
 */
public final class CloudClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) { offset = offset.plus(by); }

    public void reset() { offset = Duration.ZERO; }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return Instant.now().plus(offset); }
}
