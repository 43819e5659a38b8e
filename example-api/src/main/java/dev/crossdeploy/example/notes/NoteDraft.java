package dev.crossdeploy.example.notes;

/** The validated content of a note to create. */
public record NoteDraft(String title, String body) {
}
