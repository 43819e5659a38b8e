package dev.crossdeploy.localcloud.codebuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The install phase's {@code runtime-versions}, answered with what this machine has instead of
 * an image's preinstalled runtimes: {@code java: corretto21} takes a JDK under /usr/lib/jvm whose
 * major version is at least 21 (the closest one), {@code nodejs: 20} the machine's node when its
 * major version is at least 20. What nothing here satisfies is refused with the versions there are.
 */
final class Runtimes {
    private static final Pattern DIGITS = Pattern.compile("(\\d+)");
    private final Path jvmDir;

    Runtimes(Path jvmDir) { this.jvmDir = jvmDir; }

    /** A runtime buildspec asked for that nothing here satisfies; the message is the phase context. */
    static final class UnavailableRuntimeException extends Exception {
        UnavailableRuntimeException(String message) { super(message, null, false, false); }
    }

    /** A JDK found on the machine. */
    record Jdk(int major, Path home) {}

    /** Applies one runtime selection to the session's environment. */
    void select(String runtime, String version, Map<String, String> env) throws UnavailableRuntimeException {
        int wanted = major(version);
        switch (runtime) {
            case "java" -> {
                List<Jdk> jdks = jdks();
                Jdk jdk = jdks.stream().filter(j -> j.major() >= wanted).findFirst().orElseThrow(() ->
                        new UnavailableRuntimeException("Unknown runtime version named '" + version + "' of java. This build"
                                + " image has the following versions: " + String.join(", ",
                                jdks.stream().map(j -> "corretto" + j.major()).toList())));
                env.put("JAVA_HOME", jdk.home().toString());
                env.put("PATH", jdk.home().resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            }
            case "nodejs" -> {
                Optional<Integer> node = nodeMajor(env.getOrDefault("PATH", "/usr/bin:/bin"));
                if (node.isEmpty() || node.get() < wanted) {
                    throw new UnavailableRuntimeException("Unknown runtime version named '" + version + "' of nodejs. This"
                            + " build image has the following versions: " + node.map(String::valueOf).orElse("none"));
                }
            }
            default -> throw new UnavailableRuntimeException("Unknown runtime named '" + runtime
                    + "'. This build image has the following runtimes: java, nodejs");
        }
    }

    private static int major(String version) throws UnavailableRuntimeException {
        Matcher m = DIGITS.matcher(version);
        if (!m.find()) throw new UnavailableRuntimeException("Unknown runtime version named '" + version + "'");
        return Integer.parseInt(m.group(1));
    }

    /** The machine's JDKs, lowest major version first. */
    List<Jdk> jdks() {
        List<Jdk> out = new ArrayList<>();
        if (!Files.isDirectory(jvmDir)) return out;
        try (Stream<Path> dirs = Files.list(jvmDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path release = dir.resolve("release");
                if (Files.isSymbolicLink(dir) || !Files.isRegularFile(release) || !Files.isExecutable(dir.resolve("bin/java"))) {
                    continue;
                }
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                        String first = v.startsWith("1.") ? v.substring(2) : v;
                        Matcher m = DIGITS.matcher(first);
                        if (m.find()) out.add(new Jdk(Integer.parseInt(m.group(1)), dir));
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparingInt(Jdk::major));
        return out;
    }

    private static Optional<Integer> nodeMajor(String path) {
        for (String dir : path.split(":")) {
            Path node = Path.of(dir.isEmpty() ? "." : dir, "node");
            if (!Files.isExecutable(node)) continue;
            try {
                Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).strip();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                Matcher m = DIGITS.matcher(out);
                return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
