package dev.crossdeploy.artifact;

import dev.crossdeploy.CrossdeployException;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a Lambda deployment zip that depends only on its inputs' names and contents:
 * compiled classes at the root, dependency jars under {@code lib/}, every directory as its
 * own entry, entries sorted by name, one fixed time stamp, modes 0644 (files) and 0755
 * (directories), no extra fields, no comment, no manifest.
 */
public final class LambdaZip {
    private static final int FILE_MODE = 0100644;
    private static final int DIR_MODE = 040755;

    private final Map<String, Path> entries = new TreeMap<>();
    private final Instant timestamp;

    public LambdaZip(Instant timestamp) { this.timestamp = timestamp; }

    /** Adds every file below {@code dir}, named by its path relative to {@code dir}. */
    public LambdaZip addTree(Path dir) {
        if (!Files.isDirectory(dir)) return this;
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> addFile(toEntryName(dir.relativize(f)), f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds one file under {@code name} ("lib/x.jar"), with its parent directories. */
    public LambdaZip addFile(String name, Path file) {
        entries.put(name, file);
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            entries.putIfAbsent(name.substring(0, slash + 1), null);
        }
        return this;
    }

    /** Writes the zip to {@code target}, replacing it. */
    public void writeTo(Path target) {
        if (Files.isDirectory(target)) {
            throw new CrossdeployException("The Lambda zip's path " + target + " is a directory;"
                    + " point crossdeploy.lambdaZip at a file.");
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(target);
            // A seekable target lets sizes go into the local headers: no data descriptors.
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(target)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setEncoding("UTF-8");
                for (Map.Entry<String, Path> e : entries.entrySet()) {
                    write(zip, e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(ZipArchiveOutputStream zip, String name, Path file) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setTime(dosTime());
        entry.setUnixMode(file == null ? DIR_MODE : FILE_MODE);
        if (file == null) {
            entry.setMethod(ZipArchiveEntry.STORED);
            entry.setSize(0);
            entry.setCrc(0);
            zip.putArchiveEntry(entry);
        } else {
            entry.setMethod(ZipArchiveEntry.DEFLATED);
            // A known size keeps the library from reserving a Zip64 extra field in the local header.
            entry.setSize(Files.size(file));
            zip.putArchiveEntry(entry);
            Files.copy(file, zip);
        }
        zip.closeArchiveEntry();
    }

    /**
     * Zip stores local date-time fields and the library converts with the JVM's zone; handing
     * it the UTC fields in that zone makes the stored fields the same on every machine.
     */
    private long dosTime() {
        LocalDateTime utc = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
        return utc.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    private static String toEntryName(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
