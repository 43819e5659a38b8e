package dev.crossdeploy.example.notes;

/** The validated content of an update, with the version the client last read. */
public record NoteChange(String title, String body, long expectedVersion) {
}
