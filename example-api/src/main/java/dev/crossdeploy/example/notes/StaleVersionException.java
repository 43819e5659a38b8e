package dev.crossdeploy.example.notes;

/** A write was based on a version of the note that is no longer the current one. */
public final class StaleVersionException extends RuntimeException {
    private final String id;
    private final long expectedVersion;
    private final long currentVersion;

    public StaleVersionException(String id, long expectedVersion, long currentVersion) {
        super("Note " + id + " is at version " + currentVersion + ", not " + expectedVersion);
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public String id() {
        return id;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
