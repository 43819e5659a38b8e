package dev.crossdeploy.example.notes;

/** The note addressed by an operation does not exist (any more). */
public final class NoteNotFoundException extends RuntimeException {
    private final String id;

    public NoteNotFoundException(String id) {
        super("Note " + id + " does not exist");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
