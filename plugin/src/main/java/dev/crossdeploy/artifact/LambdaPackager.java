package dev.crossdeploy.artifact;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes the Lambda zip once and records it in the {@link ArtifactManifest}. */
public final class LambdaPackager {
    private final Reporter reporter;

    public LambdaPackager(Reporter reporter) { this.reporter = reporter; }

    public ArtifactManifest pack(PackageRequest request) {
        if (!Files.isDirectory(request.classesDirectory())) {
            // A later pipeline action may receive only the packaged artifact: deploy that one.
            if (Files.isRegularFile(request.manifestFile())) {
                ArtifactManifest packaged = ArtifactManifest.read(request.manifestFile());
                reporter.info("No compiled classes in " + request.classesDirectory() + "; using the packaged artifact "
                        + packaged.file().getFileName() + " (sha256 " + packaged.sha256() + ")");
                return packaged;
            }
            throw new CrossdeployException("No compiled classes in " + request.classesDirectory()
                    + "; compile first (mvn package deploy-stack, or mvn package crossdeploy:package).");
        }
        LambdaZip zip = new LambdaZip(request.timestamp()).addTree(request.classesDirectory());
        for (PackageRequest.Library lib : request.libraries()) {
            zip.addFile("lib/" + lib.fileName(), lib.jar());
        }
        zip.writeTo(request.zipFile());
        Path template = request.template() != null && Files.isRegularFile(request.template()) ? request.template() : null;
        ZipDigest digest = ZipDigest.of(request.zipFile());
        ArtifactManifest manifest = new ArtifactManifest(request.zipFile(), digest.sha256(), size(request.zipFile()), template,
                request.groupId(), request.artifactId(), request.version(), digest.crc32c());
        manifest.write(request.manifestFile());
        reporter.info("Lambda artifact " + request.zipFile().getFileName() + ": " + manifest.size() + " bytes, "
                + request.libraries().size() + " libraries, sha256 " + manifest.sha256());
        return manifest;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
