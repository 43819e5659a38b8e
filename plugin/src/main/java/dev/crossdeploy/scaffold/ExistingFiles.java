package dev.crossdeploy.scaffold;

/** What {@link Scaffolder} does when a file it would write is already there. */
public enum ExistingFiles {
    /** Write nothing at all and say which files exist (the default). */
    REFUSE,
    /** Leave the existing files as they are and write only the missing ones. */
    SKIP,
    /** Replace them. */
    OVERWRITE
}
