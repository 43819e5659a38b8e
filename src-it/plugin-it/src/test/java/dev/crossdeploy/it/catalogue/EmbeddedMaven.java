package dev.crossdeploy.it.catalogue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The machine's Maven run inside this JVM, as {@code bin/mvn} would run it (its {@code lib/},
 * {@code conf/logging} and {@code MavenCli}), so that dozens of real builds take seconds each
 * instead of a JVM start each. Every build's {@code -D} properties become system properties,
 * as in a forked {@code mvn}; they are restored after each build so that one build's settings
 * never reach the next.
 */
final class EmbeddedMaven {
    private final Object cli;
    private final Method doMain;
    private final ClassLoader loader;
    private final Path home;
    private final Path settings;
    private final Path repository;

    private EmbeddedMaven(Path home, Path settings, Path repository) throws Exception {
        this.home = home;
        this.settings = settings;
        this.repository = repository;
        List<URL> urls = new ArrayList<>();
        urls.add(home.resolve("conf/logging").toUri().toURL());
        for (String dir : List.of("lib/ext", "lib", "boot")) {
            Path d = home.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> jars = Files.list(d)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) urls.add(jar.toUri().toURL());
            }
        }
        // Maven's own classes only: nothing of this test's class path (the plugin, the SDK) may leak in.
        loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Properties before = snapshot();
        System.setProperty("maven.home", home.toString());
        System.setProperty("maven.conf", home.resolve("conf").toString());
        Class<?> worldType = loader.loadClass("org.codehaus.plexus.classworlds.ClassWorld");
        Object world = worldType.getConstructor(String.class, ClassLoader.class).newInstance("plexus.core", loader);
        Class<?> cliType = loader.loadClass("org.apache.maven.cli.MavenCli");
        cli = withLoader(() -> cliType.getConstructor(worldType).newInstance(world));
        doMain = cliType.getMethod("doMain", String[].class, String.class, PrintStream.class, PrintStream.class);
        restore(before);
    }

    /**
     * Maven from {@code maven.home} (set by the build), else the usual installation, with these
     * user settings and local repository.
     */
    static EmbeddedMaven fromMavenHome(Path settings, Path repository) throws Exception {
        String home = System.getProperty("maven.home");
        if (home == null || home.isBlank()) home = System.getenv("MAVEN_HOME");
        if (home == null || home.isBlank()) home = "/usr/share/maven";
        return new EmbeddedMaven(Path.of(home), settings, repository);
    }

    /** Runs one build in {@code project}; its output goes to {@code build.log} there too. */
    Result run(Path project, List<String> args) throws Exception {
        Properties before = snapshot();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit;
        try {
            System.setProperty("maven.home", home.toString());
            System.setProperty("maven.conf", home.resolve("conf").toString());
            System.setProperty("maven.multiModuleProjectDirectory", project.toString());
            // Not offline: the only remote repository is the file mirror of the user's local repository.
            List<String> all = new ArrayList<>(List.of("-B", "-ntp", "-Dstyle.color=never", "-s", settings.toString(),
                    // This JVM's maven.repo.local (the user's repository) would win over the settings.
                    "-Dmaven.repo.local=" + repository,
                    "-f", project.resolve("pom.xml").toString()));
            all.addAll(args);
            exit = withLoader(() -> (Integer) doMain.invoke(cli, all.toArray(String[]::new), project.toString(), print, print));
        } finally {
            restore(before);
        }
        String log = out.toString(StandardCharsets.UTF_8);
        Files.writeString(project.resolve("build.log"), log);
        return new Result(exit, log);
    }

    /** A finished build: its exit code and everything it printed. */
    record Result(int exit, String log) {}

    private <T> T withLoader(ThrowingSupplier<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Properties snapshot() {
        Properties copy = new Properties();
        copy.putAll(System.getProperties());
        return copy;
    }

    private static void restore(Properties saved) {
        System.setProperties(saved);
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
