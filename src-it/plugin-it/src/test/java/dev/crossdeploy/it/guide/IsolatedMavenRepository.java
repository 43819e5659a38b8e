package dev.crossdeploy.it.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Maven local repository that holds nothing of crossdeploy but the plugin as {@code mvn install}
 * puts it there (the parent POM, the plugin's POM and jar). Everything else this machine's local
 * repository already holds is linked in, without any {@code dev.crossdeploy} artifact (so nothing
 * of crossdeploy can come from there); what is missing Maven downloads as usual. The links save
 * the downloads, not the proof.
 */
final class IsolatedMavenRepository {
    private final Path localRepository;

    private IsolatedMavenRepository(Path localRepository) {
        this.localRepository = localRepository;
    }

    /**
     * @param work            an empty folder for the repository
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

        linkAllBut(machineRepository, local, "dev");
        if (Files.isDirectory(machineRepository.resolve("dev"))) {
            linkAllBut(machineRepository.resolve("dev"), local.resolve("dev"), "crossdeploy");
        }
        return new IsolatedMavenRepository(local);
    }

    /** Makes every Maven run in {@code project} use this repository, leaving the project's own files as written. */
    void useIn(Path project) throws IOException {
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"), "-Dmaven.repo.local=" + localRepository + "\n");
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
