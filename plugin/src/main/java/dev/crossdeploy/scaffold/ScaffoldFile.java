package dev.crossdeploy.scaffold;

import java.nio.file.Path;

/**
 * One file {@code crossdeploy:init} writes.
 *
 * @param path    relative to the project directory
 * @param content the file's text
 * @param purpose what it is for, in the summary ("the stack: function, role, log group")
 */
public record ScaffoldFile(Path path, String content, String purpose) {}
