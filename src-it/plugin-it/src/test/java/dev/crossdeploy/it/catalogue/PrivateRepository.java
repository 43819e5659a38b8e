package dev.crossdeploy.it.catalogue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local repository of the catalogue's own, holding the plugin of this build, with the user's
 * local repository behind it as a read-only mirror for everything else. Engineers and CI jobs
 * install other builds of the same SNAPSHOT into the shared local repository at any time; the
 * catalogue must test this build's plugin, not whichever was installed last.
 */
final class PrivateRepository {
    private static final String GROUP_PATH = "dev/crossdeploy/";

    private final Path root;
    private final Path settings;

    private PrivateRepository(Path root, Path settings) {
        this.root = root;
        this.settings = settings;
    }

    /**
     * Installs the plugin on this test's class path (the reactor's jar, or its classes folder)
     * with its POM and parent POM into {@code dir}/repository.
     */
    static PrivateRepository withPluginOfThisBuild(Path dir, String version) throws IOException, URISyntaxException, ClassNotFoundException {
        Path repo = dir.resolve("repository");
        Path code = Path.of(Class.forName("dev.crossdeploy.CrossdeployException").getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        Path pluginPom;
        Path jar = repo.resolve(GROUP_PATH + "crossdeploy-maven-plugin/" + version + "/crossdeploy-maven-plugin-" + version + ".jar");
        Files.createDirectories(jar.getParent());
        if (Files.isDirectory(code)) {
            jarOf(code, jar); // plugin/target/classes
            pluginPom = code.getParent().getParent().resolve("pom.xml");
        } else if (code.getParent().getFileName().toString().equals("target")) {
            Files.copy(code, jar, StandardCopyOption.REPLACE_EXISTING); // plugin/target/*.jar
            pluginPom = code.getParent().getParent().resolve("pom.xml");
        } else {
            Files.copy(code, jar, StandardCopyOption.REPLACE_EXISTING); // a repository's copy
            pluginPom = code.resolveSibling(code.getFileName().toString().replaceAll("\\.jar$", ".pom"));
        }
        Files.copy(pluginPom, jar.resolveSibling("crossdeploy-maven-plugin-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        Path parentPom = pluginPom.getParent().resolveSibling("pom.xml");
        if (Files.isRegularFile(parentPom) && !pluginPom.getFileName().toString().endsWith(".pom")) {
            Path parent = repo.resolve(GROUP_PATH + "crossdeploy-parent/" + version + "/crossdeploy-parent-" + version + ".pom");
            Files.createDirectories(parent.getParent());
            Files.copy(parentPom, parent, StandardCopyOption.REPLACE_EXISTING);
        }
        Path userRepository = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror>
                      <id>user-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(repo, userRepository.toUri()));
        return new PrivateRepository(repo, settings);
    }

    Path root() { return root; }

    /** The settings file that makes a build use this repository. */
    Path settings() { return settings; }

    private static void jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }
}
