package dev.crossdeploy.artifact;

import dev.crossdeploy.CrossdeployException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The time stamped on every zip entry: Maven's {@code project.build.outputTimestamp} when the
 * project sets one (ISO-8601 like {@code 2026-01-01T00:00:00Z}, or seconds since the epoch),
 * else {@link #FALLBACK}, so the zip never depends on when it was built.
 */
public final class OutputTimestamp {
    /** 1980-01-01T00:00:02Z: the earliest even-second time a zip entry can carry without extra fields. */
    public static final Instant FALLBACK = Instant.parse("1980-01-01T00:00:02Z");
    private static final Instant ZIP_MIN = Instant.parse("1980-01-01T00:00:00Z");
    private static final Instant ZIP_MAX = Instant.parse("2107-12-31T23:59:58Z");

    private OutputTimestamp() {}

    /** @param value the property's value; null, empty or one character (Maven's "disabled") mean the fallback */
    public static Instant parse(String value) {
        if (value == null || value.trim().length() < 2) return FALLBACK;
        String v = value.trim();
        Instant instant;
        try {
            instant = v.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochSecond(Long.parseLong(v))
                    : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CrossdeployException("project.build.outputTimestamp '" + v + "' is neither ISO-8601"
                    + " (2026-01-01T00:00:00Z) nor seconds since the epoch; fix the property.");
        }
        if (instant.isBefore(ZIP_MIN) || instant.isAfter(ZIP_MAX)) {
            throw new CrossdeployException("project.build.outputTimestamp '" + v + "' is outside the zip format's"
                    + " range 1980-2107; use a date in that range.");
        }
        return instant;
    }
}
