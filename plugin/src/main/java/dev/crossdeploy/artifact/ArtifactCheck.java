package dev.crossdeploy.artifact;

import dev.crossdeploy.CrossdeployException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Checks the packaged artifact before it goes anywhere: it is the exact file {@code package}
 * recorded (SHA-256), a zip Lambda can open, and holds the class of every Java handler the
 * template names. A zip rebuilt or truncated between pipeline actions, or a handler renamed in
 * code but not in the template, would otherwise be found only when the function first runs.
 */
public final class ArtifactCheck {
    private ArtifactCheck() {}

    /**
     * @param handlers Java handlers ({@code pkg.Class::method}) by the logical id of their function
     * @param template the template's file name, for the message
     * @throws CrossdeployException naming the first problem found
     */
    public static void verify(ArtifactManifest manifest, Map<String, String> handlers, String template) {
        Path file = manifest.file();
        requireUnchanged(manifest);
        Set<String> classes = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> jars = new ArrayList<>();
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class")) classes.add(entry.getName());
                else if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) jars.add(entry);
            }
            // Inflating every dependency jar costs more than the rest of the check: only when a handler is not at the root.
            if (!classes.containsAll(classFiles(handlers))) {
                for (ZipEntry jar : jars) {
                    try (InputStream in = zip.getInputStream(jar)) {
                        classesOfJar(in, classes);
                    }
                }
            }
        } catch (IOException e) {
            throw new CrossdeployException("Artifact " + file + " is not a readable zip (" + reason(e)
                    + "); run the package goal again (mvn package crossdeploy:package).", e);
        }
        handlers.forEach((function, handler) -> {
            String className = className(handler);
            if (!classes.contains(className.replace('.', '/') + ".class")) {
                throw new CrossdeployException("Function " + function + " in " + template + " names handler " + handler
                        + ", but artifact " + file.getFileName() + " holds no class " + className
                        + " (neither at its root nor in lib/*.jar); fix the Handler or the class name.");
            }
        });
    }

    /**
     * The file is the one {@code package} recorded: by size and CRC32C when the manifest has one
     * (milliseconds, in any JIT tier), else by SHA-256.
     */
    private static void requireUnchanged(ArtifactManifest manifest) {
        Path file = manifest.file();
        if (manifest.crc32c() != null) {
            long size = sizeOf(file);
            if (size != manifest.size()) throw changed(file, "is " + size + " bytes", manifest.size() + " bytes");
            String crc = ZipDigest.crc32cOf(file);
            if (!crc.equalsIgnoreCase(manifest.crc32c())) throw changed(file, "has CRC32C " + crc, "CRC32C " + manifest.crc32c());
            return;
        }
        String actual = Sha256.hexOf(file);
        if (!actual.equalsIgnoreCase(manifest.sha256())) throw changed(file, "has SHA-256 " + actual, manifest.sha256());
    }

    private static CrossdeployException changed(Path file, String actual, String recorded) {
        return new CrossdeployException("Artifact " + file + " " + actual + ", but artifact.json records " + recorded
                + ": it changed after packaging; run the package goal again (mvn package crossdeploy:package).");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CrossdeployException("Artifact " + file + " is not readable (" + e.getMessage()
                    + "); run the package goal again (mvn package crossdeploy:package).", e);
        }
    }

    private static Set<String> classFiles(Map<String, String> handlers) {
        Set<String> files = new HashSet<>();
        handlers.values().forEach(handler -> files.add(className(handler).replace('.', '/') + ".class"));
        return files;
    }

    private static String className(String handler) { return handler.substring(0, handler.indexOf("::")); }

    private static void classesOfJar(InputStream jar, Set<String> classes) throws IOException {
        ZipInputStream in = new ZipInputStream(jar);
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
            if (e.getName().endsWith(".class")) classes.add(e.getName());
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e instanceof ZipException && m != null ? m : "cannot open it: " + (m == null ? e.getClass().getSimpleName() : m);
    }
}
