package dev.crossdeploy.localcloud.dynamodb;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what DynamoDB tables run on: Node.js and dynalite's {@code cli.js}.
 * <p>
 * dynalite, first match wins:
 * <ol>
 *   <li>the system property {@value #DYNALITE_PROPERTY}: dynalite's {@code cli.js} or its package directory;</li>
 *   <li>{@code node_modules/dynalite/cli.js} (or {@code src-it/local-cloud/node_modules/...}) in the
 *       working directory or any directory above it;</li>
 *   <li>the same, upwards from where the local cloud's classes were loaded (its module directory).</li>
 * </ol>
 * Node.js: the system property {@value #NODE_PROPERTY}, else {@code node} on the {@code PATH}.
 * When either is missing, {@link #locate()} says what to install instead.
 */
public final class DynaliteLocator {
    public static final String DYNALITE_PROPERTY = "localcloud.dynalite";
    public static final String NODE_PROPERTY = "localcloud.node";
    /** What a user reads when tables cannot run; names what to install. */
    public static final String INSTALL_HINT = "The local cloud needs Node.js and dynalite to run DynamoDB tables:"
            + " install Node.js and run 'npm ci' in src-it/local-cloud";
    private static final Path CLI = Path.of("node_modules", "dynalite", "cli.js");
    private static final Path MODULE_CLI = Path.of("src-it", "local-cloud").resolve(CLI);

    private DynaliteLocator() {}

    /** The command to start dynalite, or why there is none. */
    public record Found(Path node, Path cli) {}

    /** Looks again each time, so installing dynalite while the cloud runs is enough. */
    public static Found locate() {
        Path cli = dynalite().orElseThrow(() -> new DynaliteUnavailableException(
                INSTALL_HINT + " (dynalite was not found" + configuredWhere(DYNALITE_PROPERTY) + ")."));
        Path node = node().orElseThrow(() -> new DynaliteUnavailableException(
                INSTALL_HINT + " (node was not found" + configuredWhere(NODE_PROPERTY, "on the PATH") + ")."));
        return new Found(node, cli);
    }

    private static String configuredWhere(String property) {
        String v = System.getProperty(property);
        return v == null ? "" : " at " + v + ", set by -D" + property;
    }

    private static String configuredWhere(String property, String otherwise) {
        String v = System.getProperty(property);
        return v == null ? " " + otherwise : " at " + v + ", set by -D" + property;
    }

    static Optional<Path> dynalite() {
        String configured = System.getProperty(DYNALITE_PROPERTY);
        if (configured != null) {
            Path p = Path.of(configured);
            if (Files.isDirectory(p)) p = p.resolve("cli.js");
            return Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        for (Path start : startingPoints()) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                for (Path candidate : List.of(dir.resolve(CLI), dir.resolve(MODULE_CLI))) {
                    if (Files.isRegularFile(candidate)) return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Set<Path> startingPoints() {
        Set<Path> starts = new LinkedHashSet<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            var source = DynaliteLocator.class.getProtectionDomain().getCodeSource();
            if (source != null) starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // Classes loaded from somewhere without a file path: the working directory must do.
        }
        return starts;
    }

    static Optional<Path> node() {
        String configured = System.getProperty(NODE_PROPERTY);
        if (configured != null) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        List<String> names = new ArrayList<>(List.of("node"));
        if (File.separatorChar == '\\') names.add(0, "node.exe");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String name : names) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
