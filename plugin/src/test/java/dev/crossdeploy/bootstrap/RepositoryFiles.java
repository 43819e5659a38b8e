package dev.crossdeploy.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's root from the plugin module the tests run in. */
final class RepositoryFiles {
    private RepositoryFiles() {}

    static Path root() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("plugin")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("No repository root above " + dir);
    }
}
