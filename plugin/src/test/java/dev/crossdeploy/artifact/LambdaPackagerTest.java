package dev.crossdeploy.artifact;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.testing.RecordingReporter;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaPackagerTest {
    private static final Instant STAMP = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** A project folder with classes and two dependency jars, files stamped {@code mtime}, modes {@code perms}. */
    private Path project(String name, Instant mtime, String perms) throws IOException {
        Path root = tmp.resolve(name);
        write(root.resolve("target/classes/com/example/api/Handler.class"), "class-bytes-handler", mtime, perms);
        write(root.resolve("target/classes/com/example/api/model/Item.class"), "class-bytes-item", mtime, perms);
        write(root.resolve("target/classes/log4j2.xml"), "<Configuration/>", mtime, perms);
        write(root.resolve("deps/jackson-core-2.22.3.jar"), "jar-bytes-jackson", mtime, perms);
        write(root.resolve("deps/aws-lambda-java-core-1.2.3.jar"), "jar-bytes-lambda-core", mtime, perms);
        write(root.resolve("template.yaml"), "Resources: {}\n", mtime, perms);
        return root;
    }

    private static void write(Path file, String content, Instant mtime, String perms) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    private static PackageRequest request(Path root, Instant timestamp) {
        return new PackageRequest(root.resolve("target/classes"),
                List.of(new PackageRequest.Library("jackson-core-2.22.3.jar", root.resolve("deps/jackson-core-2.22.3.jar")),
                        new PackageRequest.Library("aws-lambda-java-core-1.2.3.jar", root.resolve("deps/aws-lambda-java-core-1.2.3.jar"))),
                root.resolve("target/orders-api-1.0-lambda.zip"), root.resolve("target/crossdeploy/artifact.json"),
                root.resolve("template.yaml"), "com.example", "orders-api", "1.0", timestamp);
    }

    @Test
    void twoBuildsInTwoFoldersAtTwoTimesAreByteIdentical() throws IOException {
        Path first = project("first", Instant.parse("2026-03-01T10:00:00Z"), "rw-r--r--");
        Path second = project("elsewhere/second", Instant.parse("2026-07-15T23:59:31Z"), "rwxrwxr-x");

        ArtifactManifest a = new LambdaPackager(new RecordingReporter()).pack(request(first, STAMP));
        TimeZone zone = TimeZone.getDefault();
        ArtifactManifest b;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            b = new LambdaPackager(new RecordingReporter()).pack(request(second, STAMP));
        } finally {
            TimeZone.setDefault(zone);
        }

        assertThat(Files.readAllBytes(b.file())).isEqualTo(Files.readAllBytes(a.file()));
        assertThat(b.sha256()).isEqualTo(a.sha256()).isEqualTo(Sha256.hexOf(a.file())).hasSize(64);
        assertThat(b.size()).isEqualTo(Files.size(b.file()));
    }

    @Test
    void entriesAreSortedWithDirectoriesFixedTimeAndModesAndNoExtras() throws IOException {
        Path root = project("p", Instant.now(), "rwxr-x---");
        ArtifactManifest manifest = new LambdaPackager(new RecordingReporter()).pack(request(root, STAMP));

        List<String> names = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(manifest.file()).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                names.add(e.getName());
                assertThat(e.getUnixMode()).as(e.getName()).isEqualTo(e.isDirectory() ? 040755 : 0100644);
                assertThat(e.getExtraFields(true)).as(e.getName()).isEmpty();
                assertThat(e.getLocalFileDataExtra()).as(e.getName()).isEmpty();
                assertThat(e.getComment()).isNullOrEmpty();
            }
        }
        assertThat(names).containsExactly(
                "com/", "com/example/", "com/example/api/", "com/example/api/Handler.class",
                "com/example/api/model/", "com/example/api/model/Item.class",
                "lib/", "lib/aws-lambda-java-core-1.2.3.jar", "lib/jackson-core-2.22.3.jar",
                "log4j2.xml");
        try (var zip = new java.util.zip.ZipFile(manifest.file().toFile())) {
            zip.stream().forEach(e -> {
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(LocalDateTime.parse("2026-01-01T00:00:00"));
                assertThat(e.getExtra()).as(e.getName()).isNull();
            });
            assertThat(new String(zip.getInputStream(zip.getEntry("lib/jackson-core-2.22.3.jar")).readAllBytes()))
                    .isEqualTo("jar-bytes-jackson");
            assertThat(zip.getComment()).isNullOrEmpty();
        }
    }

    @Test
    void theTimestampComesFromTheOutputTimestampOrAFixedFallback() {
        assertThat(OutputTimestamp.parse("2026-01-01T00:00:00Z")).isEqualTo(STAMP);
        assertThat(OutputTimestamp.parse("2026-01-01T02:00:00+02:00")).isEqualTo(STAMP);
        assertThat(OutputTimestamp.parse("1767225600")).isEqualTo(STAMP);
        assertThat(OutputTimestamp.parse(null)).isEqualTo(OutputTimestamp.FALLBACK);
        assertThat(OutputTimestamp.parse("")).isEqualTo(OutputTimestamp.FALLBACK);
        assertThat(OutputTimestamp.parse("a")).isEqualTo(OutputTimestamp.FALLBACK);
        assertThatThrownBy(() -> OutputTimestamp.parse("yesterday"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("project.build.outputTimestamp 'yesterday' is neither ISO-8601 (2026-01-01T00:00:00Z)"
                        + " nor seconds since the epoch; fix the property.");
        assertThatThrownBy(() -> OutputTimestamp.parse("1970-01-01T00:00:00Z"))
                .hasMessage("project.build.outputTimestamp '1970-01-01T00:00:00Z' is outside the zip format's range"
                        + " 1980-2107; use a date in that range.");
    }

    @Test
    void withoutClassesThePackagedArtifactIsReused() throws IOException {
        Path root = project("p", STAMP, "rw-r--r--");
        ArtifactManifest packaged = new LambdaPackager(new RecordingReporter()).pack(request(root, STAMP));
        deleteTree(root.resolve("target/classes"));
        RecordingReporter reporter = new RecordingReporter();

        assertThat(new LambdaPackager(reporter).pack(request(root, STAMP))).isEqualTo(ArtifactManifest.read(
                root.resolve("target/crossdeploy/artifact.json")));
        assertThat(reporter.text()).isEqualTo("INFO No compiled classes in " + root.resolve("target/classes")
                + "; using the packaged artifact orders-api-1.0-lambda.zip (sha256 " + packaged.sha256() + ")");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    void theManifestRecordsTheArtifactAndReadsBack() throws IOException {
        Path root = project("p", STAMP, "rw-r--r--");
        ArtifactManifest written = new LambdaPackager(new RecordingReporter()).pack(request(root, STAMP));

        String json = Files.readString(root.resolve("target/crossdeploy/artifact.json"));
        assertThat(json).contains("\"file\" : \"../orders-api-1.0-lambda.zip\"", "\"template\" : \"../../template.yaml\"",
                "\"groupId\" : \"com.example\"", "\"artifactId\" : \"orders-api\"", "\"version\" : \"1.0\"",
                "\"sha256\" : \"" + written.sha256() + "\"", "\"size\" : " + written.size(),
                "\"crc32c\" : \"" + ZipDigest.crc32cOf(written.file()) + "\"");
        assertThat(written.sha256()).isEqualTo(Sha256.hexOf(written.file()));

        ArtifactManifest read = ArtifactManifest.read(root.resolve("target/crossdeploy/artifact.json"));
        assertThat(read).isEqualTo(new ArtifactManifest(root.resolve("target/orders-api-1.0-lambda.zip").toAbsolutePath(),
                written.sha256(), written.size(), root.resolve("template.yaml").toAbsolutePath(),
                "com.example", "orders-api", "1.0", written.crc32c()));
    }

    @Test
    void missingClassesManifestAndZipAreExplained() throws IOException {
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        assertThatThrownBy(() -> new LambdaPackager(new RecordingReporter()).pack(request(empty, STAMP)))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("No compiled classes in " + empty.resolve("target/classes")
                        + "; compile first (mvn package deploy-stack, or mvn package crossdeploy:package).");

        Path manifest = empty.resolve("target/crossdeploy/artifact.json");
        assertThatThrownBy(() -> ArtifactManifest.read(manifest))
                .hasMessage("No packaged artifact: " + manifest + " does not exist; run the package goal first"
                        + " (mvn package crossdeploy:package).");

        Path root = project("p", STAMP, "rw-r--r--");
        ArtifactManifest written = new LambdaPackager(new RecordingReporter()).pack(request(root, STAMP));
        Files.delete(written.file());
        Path manifestFile = root.resolve("target/crossdeploy/artifact.json");
        assertThatThrownBy(() -> ArtifactManifest.read(manifestFile))
                .hasMessage("The packaged artifact " + written.file().toAbsolutePath() + " named by " + manifestFile
                        + " is missing; run the package goal first (mvn package crossdeploy:package).");
    }
}
