package dev.crossdeploy.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another checkout of an invoker project, built by a Maven run of its own: for scenarios that
 * compare what two builds of the same sources produce. The copy sits beside the project (so a
 * parent's relativePath still holds) and its files are written now, newer than the original's.
 */
public final class SecondCheckout {
    private final File dir;

    private SecondCheckout(File dir) { this.dir = dir; }

    /** Copies the project's pom.xml and src/ to {@code <project>-checkout2} beside it, replacing an old copy. */
    public static SecondCheckout of(File project) throws IOException {
        File dir = new File(project.getParentFile(), project.getName() + "-checkout2");
        deleteTree(dir.toPath());
        Path from = project.toPath();
        List<Path> files = new ArrayList<>(List.of(from.resolve("pom.xml")));
        if (Files.isDirectory(from.resolve("src"))) {
            try (Stream<Path> src = Files.walk(from.resolve("src"))) {
                src.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        for (Path file : files) {
            Path copy = dir.toPath().resolve(from.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
        return new SecondCheckout(dir);
    }

    public File dir() { return dir; }

    /**
     * Runs the Maven that runs this build (maven.home) in the checkout, its output in build.log
     * there, and fails unless it succeeds within 5 minutes. Returns nothing, so a hook script
     * may end with it: the invoker counts a script's value other than null or true as failure.
     */
    public void build(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("maven.home"), "bin/mvn").getPath());
        command.add("-B");
        command.addAll(List.of(args));
        File log = new File(dir, "build.log");
        Process maven = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
                .redirectOutput(log).start();
        if (!maven.waitFor(5, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new IllegalStateException("Maven in " + dir + " did not finish within 5 minutes; see " + log);
        }
        if (maven.exitValue() != 0) throw new IllegalStateException("Maven failed in " + dir + "; see " + log);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
