package dev.crossdeploy.maven;

import dev.crossdeploy.artifact.ArtifactManifest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The package goal built directly (fields set as Maven binds them from the descriptor's defaults). */
class PackageMojoTest {
    @TempDir
    Path basedir;

    private PackageMojo mojo(MavenProject project) {
        PackageMojo mojo = new PackageMojo();
        mojo.project = project;
        mojo.classesDirectory = basedir.resolve("target/classes").toFile();
        mojo.lambdaZip = basedir.resolve("target/orders-api-1.0-lambda.zip").toFile();
        mojo.outputTimestamp = "2026-01-01T00:00:00Z";
        mojo.setLog(new MojoTestSupport.Lines());
        return mojo;
    }

    private Artifact dependency(String groupId, String artifactId, String scope, String type) throws IOException {
        DefaultArtifact a = new DefaultArtifact(groupId, artifactId, "1.0", scope, type, null, new DefaultArtifactHandler(type));
        Path file = basedir.resolve("repo").resolve(groupId + "." + artifactId + "." + scope + "." + type);
        Files.createDirectories(file.getParent());
        Files.writeString(file, groupId + ":" + artifactId);
        a.setFile(file.toFile());
        return a;
    }

    @Test
    void zipsClassesAndRuntimeJarsAndWritesTheManifest() throws Exception {
        Files.createDirectories(basedir.resolve("target/classes/com/example"));
        Files.writeString(basedir.resolve("target/classes/com/example/Handler.class"), "bytes");
        Files.createDirectories(basedir.resolve("src/main/cloudformation"));
        Files.writeString(basedir.resolve("src/main/cloudformation/template.yaml"), "Resources: {}\n");
        MavenProject project = MojoTestSupport.project(basedir);
        Set<Artifact> artifacts = new LinkedHashSet<>(List.of(
                dependency("com.fasterxml.jackson.core", "jackson-core", "compile", "jar"),
                dependency("org.slf4j", "slf4j-api", "runtime", "jar"),
                dependency("org.junit.jupiter", "junit-jupiter", "test", "jar"),
                dependency("com.amazonaws", "aws-lambda-java-core", "provided", "jar"),
                dependency("com.example", "bom", "compile", "pom"),
                dependency("other.group", "jackson-core", "runtime", "jar")));
        project.setArtifacts(artifacts);

        mojo(project).execute();

        ArtifactManifest manifest = ArtifactManifest.read(basedir.resolve("target/crossdeploy/artifact.json"));
        assertThat(manifest.file()).isEqualTo(basedir.resolve("target/orders-api-1.0-lambda.zip"));
        assertThat(manifest.template()).isEqualTo(basedir.resolve("src/main/cloudformation/template.yaml"));
        assertThat(List.of(manifest.groupId(), manifest.artifactId(), manifest.version()))
                .containsExactly("com.example", "orders-api", "1.0");
        try (var zip = new java.util.zip.ZipFile(manifest.file().toFile())) {
            assertThat(Collections.list(zip.entries())).extracting(java.util.zip.ZipEntry::getName).containsExactly(
                    "com/", "com/example/", "com/example/Handler.class", "lib/",
                    "lib/com.fasterxml.jackson.core-jackson-core-1.0.jar", "lib/other.group-jackson-core-1.0.jar",
                    "lib/slf4j-api-1.0.jar");
        }
    }

    @Test
    void skipDoesNothing() throws Exception {
        PackageMojo mojo = mojo(MojoTestSupport.project(basedir));
        mojo.skip = "true";
        MojoTestSupport.Lines log = new MojoTestSupport.Lines();
        mojo.setLog(log);

        mojo.execute();

        assertThat(basedir.resolve("target")).doesNotExist();
        assertThat(log.lines).containsExactly("INFO crossdeploy: skipped (crossdeploy.skip=true)");
    }

    @Test
    void whatTheUserMustFixIsAFailureWithTheEngineMessage() {
        PackageMojo mojo = mojo(MojoTestSupport.project(basedir));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("No compiled classes in " + basedir.resolve("target/classes")
                        + "; compile first (mvn package deploy-stack, or mvn package crossdeploy:package).");
    }

    @Test
    void aDirectoryAsZipPathIsTheUsersToFix() throws IOException {
        Files.createDirectories(basedir.resolve("target/classes"));
        PackageMojo mojo = mojo(MojoTestSupport.project(basedir));
        mojo.lambdaZip = basedir.resolve("target").toFile();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("The Lambda zip's path " + basedir.resolve("target") + " is a directory;"
                        + " point crossdeploy.lambdaZip at a file.");
    }

    @Test
    void unexpectedBreakageIsAnExecutionError() throws IOException {
        Files.createDirectories(basedir.resolve("target/classes"));
        // A file where the manifest's folder must go: an I/O failure nobody planned for.
        Files.writeString(basedir.resolve("target/crossdeploy"), "in the way");

        assertThatThrownBy(mojo(MojoTestSupport.project(basedir))::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("crossdeploy failed unexpectedly: ");
    }
}
