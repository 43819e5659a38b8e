package dev.crossdeploy.example.notes;

import java.time.Instant;

/**
 * A stored note. {@code version} starts at 1 and grows by one with every update; clients send
 * back the version they read so that an update based on stale data is refused.
 */
public record Note(String id, String title, String body, long version, Instant createdAt, Instant updatedAt) {
}
