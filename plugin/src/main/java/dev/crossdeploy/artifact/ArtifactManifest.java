package dev.crossdeploy.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.CrossdeployException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code package} made, written to {@code target/crossdeploy/artifact.json} so the
 * deploy goals use exactly that artifact. Paths are stored relative to the manifest's folder,
 * so the target folder can move between pipeline actions.
 *
 * @param file     the Lambda zip
 * @param sha256   lower-case hex SHA-256 of the zip
 * @param size     the zip's size in bytes
 * @param template the CloudFormation template, or null when the project has none
 * @param crc32c   lower-case hex CRC32C of the zip, which the deploy goals check the file by; null in a
 *                 manifest written without it (by hand, or by a plugin before 0.1.0), which gets the
 *                 slower SHA-256 check instead
 */
public record ArtifactManifest(Path file, String sha256, long size, Path template,
                               String groupId, String artifactId, String version, String crc32c) {
    /** Where {@code package} writes the manifest, below the build directory. */
    public static final String RELATIVE_PATH = "crossdeploy/artifact.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** A manifest without a CRC32C: its file is checked by SHA-256. */
    public ArtifactManifest(Path file, String sha256, long size, Path template, String groupId, String artifactId, String version) {
        this(file, sha256, size, template, groupId, artifactId, version, null);
    }

    /** The manifest's place in a build directory ({@code target}). */
    public static Path locationIn(Path buildDirectory) { return buildDirectory.resolve(RELATIVE_PATH); }

    public void write(Path manifestFile) {
        Path dir = manifestFile.toAbsolutePath().getParent();
        ObjectNode node = JSON.createObjectNode()
                .put("file", relative(dir, file))
                .put("sha256", sha256)
                .put("size", size);
        if (crc32c != null) node.put("crc32c", crc32c);
        if (template != null) node.put("template", relative(dir, template));
        node.put("groupId", groupId).put("artifactId", artifactId).put("version", version);
        try {
            Files.createDirectories(dir);
            Files.writeString(manifestFile, JSON.writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws CrossdeployException when there is no manifest or it names a zip that is gone */
    public static ArtifactManifest read(Path manifestFile) {
        if (!Files.isRegularFile(manifestFile)) {
            throw new CrossdeployException("No packaged artifact: " + manifestFile + " does not exist;"
                    + " run the package goal first (mvn package crossdeploy:package).");
        }
        Path dir = manifestFile.toAbsolutePath().getParent();
        ArtifactManifest manifest;
        try {
            var node = JSON.readTree(manifestFile.toFile());
            manifest = new ArtifactManifest(dir.resolve(node.path("file").asText()).normalize(),
                    node.path("sha256").asText(), node.path("size").asLong(),
                    node.hasNonNull("template") ? dir.resolve(node.get("template").asText()).normalize() : null,
                    node.path("groupId").asText(), node.path("artifactId").asText(), node.path("version").asText(),
                    node.hasNonNull("crc32c") ? node.get("crc32c").asText() : null);
        } catch (IOException e) {
            throw new CrossdeployException("Cannot read " + manifestFile + ": " + e.getMessage()
                    + "; run the package goal again.", e);
        }
        if (!Files.isRegularFile(manifest.file())) {
            throw new CrossdeployException("The packaged artifact " + manifest.file() + " named by " + manifestFile
                    + " is missing; run the package goal first (mvn package crossdeploy:package).");
        }
        return manifest;
    }

    private static String relative(Path dir, Path target) {
        return dir.relativize(target.toAbsolutePath()).toString().replace('\\', '/');
    }
}
