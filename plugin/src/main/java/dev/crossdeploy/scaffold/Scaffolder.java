package dev.crossdeploy.scaffold;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a new service needs into an existing project ({@link ServiceFiles}) and says what
 * to run next. Never replaces a file unless asked: by default, when any file exists already, it
 * writes nothing and says which exist and how to go on. The handler's source is written only
 * when it is missing, and never replaced.
 * <pre>{@code
 * List<Path> written = new Scaffolder(reporter).scaffold(request);
 * }</pre>
 */
public final class Scaffolder {
    private final Reporter reporter;

    public Scaffolder(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * Writes the files and prints the next commands.
     *
     * @return the files written, relative to the project
     * @throws CrossdeployException one line, before any write, when files exist and {@code existing} is REFUSE
     */
    public List<Path> scaffold(ScaffoldRequest request) {
        Path dir = request.projectDir();
        boolean handlerMissing = !Files.exists(dir.resolve(ServiceFiles.SOURCES).resolve(request.handler().sourceFile()));
        List<ScaffoldFile> files = ServiceFiles.of(request, handlerMissing);
        List<Path> existing = files.stream().map(ScaffoldFile::path).filter(p -> Files.exists(dir.resolve(p))).toList();
        if (!existing.isEmpty() && request.existing() == ExistingFiles.REFUSE) {
            throw new CrossdeployException("crossdeploy:init wrote nothing: " + names(existing) + (existing.size() == 1 ? " exists" : " exist")
                    + " already; rerun with -Dcrossdeploy.skipExisting=true to write only the missing files,"
                    + " or -Dcrossdeploy.overwrite=true to replace them.");
        }
        reporter.info("Scaffolding " + request.artifactId() + " in " + dir);
        List<Path> written = new ArrayList<>();
        for (ScaffoldFile file : files) {
            if (existing.contains(file.path()) && request.existing() == ExistingFiles.SKIP) {
                reporter.info(String.format("  %-40s kept as it is", file.path()));
                continue;
            }
            write(dir.resolve(file.path()), file.content());
            written.add(file.path());
            reporter.info(String.format("  %-40s %s%s", file.path(), existing.contains(file.path()) ? "replaced: " : "", file.purpose()));
        }
        if (!handlerMissing) {
            reporter.info(String.format("  %-40s kept: the function's handler %s", ServiceFiles.SOURCES.resolve(request.handler().sourceFile()),
                    request.handler().lambdaHandler()));
        }
        nextCommands(request);
        return written;
    }

    private void nextCommands(ScaffoldRequest request) {
        if (!request.pluginDeclared()) {
            reporter.info("Declare the plugin in pom.xml's <build><plugins> so that the crossdeploy: prefix resolves:");
            reporter.info("  <plugin><groupId>dev.crossdeploy</groupId><artifactId>crossdeploy-maven-plugin</artifactId><version>"
                    + request.pluginVersion() + "</version></plugin>");
        }
        String region = request.region() == null ? "the stages' region" : request.region();
        reporter.info("Next:");
        reporter.info("  1. mvn crossdeploy:bootstrap -Dcrossdeploy.trustAccount=<pipeline account id>"
                + "    (once per stage account, as its administrator, AWS_REGION=" + region + ")");
        reporter.info("  2. mvn package crossdeploy:package");
        reporter.info("  3. mvn crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=" + request.firstStage());
    }

    private static String names(List<Path> paths) {
        List<String> names = paths.stream().map(Path::toString).toList();
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new CrossdeployException("Cannot write " + file + ": " + e.getMessage() + "; check that the build may write there.", e);
        }
    }
}
