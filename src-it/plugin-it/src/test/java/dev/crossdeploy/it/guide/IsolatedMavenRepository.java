package dev.crossdeploy.it.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Maven local repository that holds nothing but the crossdeploy plugin as {@code mvn install}
 * puts it there (the parent POM, the plugin's POM and jar), and a settings file that lets Maven
 * download everything else: first from a read-only view of this machine's repository without
 * any {@code dev.crossdeploy} artifact (so nothing of crossdeploy can come from there), then from
 * Maven Central as usual. The view saves the downloads, not the proof. (A local repository
 * keeps no checksum files, hence the view's ignored checksums.)
 */
final class IsolatedMavenRepository {
    private final Path localRepository;
    private final Path settings;

    private IsolatedMavenRepository(Path localRepository, Path settings) {
        this.localRepository = localRepository;
        this.settings = settings;
    }

    /**
     * @param work            an empty folder for the repository, the view and the settings
     * @param machineRepository this machine's local repository
     * @param checkout        the crossdeploy checkout whose plugin was packaged
     * @param version         the plugin's version
     */
    static IsolatedMavenRepository create(Path work, Path machineRepository, Path checkout, String version) throws IOException {
        Path local = Files.createDirectories(work.resolve("local-repository"));
        install(local, "crossdeploy-parent", version, checkout.resolve("pom.xml"), null);
        Path jar = checkout.resolve("plugin/target/crossdeploy-maven-plugin-" + version + ".jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: package the plugin first (mvn -pl src-it/plugin-it -am verify)");
        install(local, "crossdeploy-maven-plugin", version, checkout.resolve("plugin/pom.xml"), jar);

        Path view = Files.createDirectories(work.resolve("machine-repository"));
        linkAllBut(machineRepository, view, "dev");
        if (Files.isDirectory(machineRepository.resolve("dev"))) {
            linkAllBut(machineRepository.resolve("dev"), Files.createDirectories(view.resolve("dev")), "crossdeploy");
        }
        String repository = """
                      <id>machine</id>
                      <url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots>
                """.formatted(view.toUri());
        Path settings = Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>machine-repository</id>
                      <repositories>
                        <repository>
                %s        </repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository>
                %s        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>machine-repository</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(repository, repository));
        return new IsolatedMavenRepository(local, settings);
    }

    /** Makes every Maven run in {@code project} use this repository, leaving the project's own files as written. */
    void useIn(Path project) throws IOException {
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"), "-s " + settings + " -Dmaven.repo.local=" + localRepository + "\n");
    }

    /** The artifact ids of {@code dev.crossdeploy} the repository holds now. */
    List<String> crossdeployArtifacts() throws IOException {
        try (Stream<Path> entries = Files.list(localRepository.resolve("dev/crossdeploy"))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void install(Path local, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(local.resolve("dev/crossdeploy").resolve(artifactId).resolve(version));
        String base = artifactId + "-" + version;
        Files.copy(pom, dir.resolve(base + ".pom"));
        StringBuilder tracking = new StringBuilder(base + ".pom>=\n");
        if (jar != null) {
            Files.copy(jar, dir.resolve(base + ".jar"));
            tracking.append(base).append(".jar>=\n");
        }
        // What maven-install-plugin writes: installed locally, from no remote repository.
        Files.writeString(dir.resolve("_remote.repositories"), tracking);
    }

    private static void linkAllBut(Path from, Path to, String excluded) throws IOException {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.equals(excluded)) Files.createSymbolicLink(to.resolve(name), entry.toAbsolutePath());
            }
        }
    }
}
