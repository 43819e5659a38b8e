package dev.crossdeploy.localcloud.codebuild;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packs a buildspec's {@code artifacts} into the build's output zip. */
final class ArtifactZip {
    private ArtifactZip() {}

    /** A buildspec's artifacts that match no file; CodeBuild fails UPLOAD_ARTIFACTS with this message. */
    static final class NoMatchingFilesException extends Exception {
        NoMatchingFilesException(String message) { super(message, null, false, false); }
    }

    /** Writes the chosen files to {@code zip}; returns how many it holds. */
    static int write(Path srcDir, Buildspec.FileSet spec, Path zip) throws IOException, NoMatchingFilesException {
        Path base = spec.baseDirectory() == null ? srcDir : srcDir.resolve(spec.baseDirectory()).normalize();
        List<String> files = FileGlobs.match(base, spec.files());
        if (files.isEmpty()) {
            throw new NoMatchingFilesException("no matching artifact paths found");
        }
        Set<String> names = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String f : files) {
                String name = spec.discardPaths() ? f.substring(f.lastIndexOf('/') + 1) : f;
                // With discard-paths, the first of two same-named files wins, as a flat upload would keep one.
                if (!names.add(name)) continue;
                z.putNextEntry(new ZipEntry(name));
                Files.copy(base.resolve(f), z);
                z.closeEntry();
            }
        }
        return names.size();
    }
}
