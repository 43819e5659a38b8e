package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.CloudState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs one build as CodeBuild does: provisioning (the role's credentials), DOWNLOAD_SOURCE (the
 * input unpacked into a fresh directory, the buildspec read), INSTALL, PRE_BUILD, BUILD and
 * POST_BUILD in one shell session, UPLOAD_ARTIFACTS (reports and the output zip), FINALIZING.
 * A failed INSTALL or PRE_BUILD ends the build; after a failed BUILD, POST_BUILD and the upload
 * still run; {@code on-failure} changes that per phase. A timeout or a stop kills the command in
 * progress and ends the build.
 */
final class BuildRunner implements Runnable {
    private final CloudState state;
    private final Build build;
    private final Path workDir;
    private final Path input;
    private final String buildspecSource;
    private final ContainerCredentials credentials;
    private final Runtimes runtimes;
    private final BuildLog log;
    private volatile ShellSession shell;
    private volatile boolean timedOut;

    /** How a phase ended. */
    private enum Outcome { SUCCEEDED, FAILED, TIMED_OUT, STOPPED }

    BuildRunner(CloudState state, Build build, Path workDir, Path input, String buildspecSource,
                ContainerCredentials credentials, Runtimes runtimes, BuildLog log) {
        this.state = state;
        this.build = build;
        this.workDir = workDir;
        this.input = input;
        this.buildspecSource = buildspecSource;
        this.credentials = credentials;
        this.runtimes = runtimes;
        this.log = log;
    }

    /** The build ran out of time: the command in progress dies and the build is TIMED_OUT. */
    void timeOut() {
        timedOut = true;
        ShellSession s = shell;
        if (s != null) s.kill();
    }

    /** Someone stopped the build. */
    void stop() {
        ShellSession s = shell;
        if (s != null) s.kill();
    }

    @Override
    public void run() {
        try {
            execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            BuildProcesses.killAll(build.id());
            build.finish("STOPPED", state.clock().instant());
        } catch (Exception | Error e) {
            log.container("Phase context status code: INTERNAL_ERROR Message: " + e);
            BuildProcesses.killAll(build.id());
            build.finish("FAULT", state.clock().instant());
        } finally {
            credentials.close(build.uuid());
        }
    }

    private void execute() throws IOException, InterruptedException {
        quickPhase("SUBMITTED");
        quickPhase("QUEUED");

        build.enterPhase("PROVISIONING", now());
        log.container("Waiting for agent ping");
        String token;
        try {
            token = credentials.open(build.uuid(), build.project().serviceRoleArn());
        } catch (IllegalArgumentException e) {
            endPhase("PROVISIONING", "FAILED", "CLIENT_ERROR", e.getMessage());
            finalizeBuild("FAILED");
            return;
        }
        endPhase("PROVISIONING", "SUCCEEDED", "", "");

        build.enterPhase("DOWNLOAD_SOURCE", now());
        Path src = Files.createDirectories(workDir.resolve("src"));
        Buildspec spec;
        try {
            unpack(src);
            log.container("CODEBUILD_SRC_DIR=" + src);
            spec = Buildspec.parse(readBuildspec(src));
        } catch (Buildspec.InvalidBuildspecException e) {
            endPhase("DOWNLOAD_SOURCE", "FAILED", "YAML_FILE_ERROR", e.getMessage());
            finalizeBuild("FAILED");
            return;
        } catch (IOException e) {
            endPhase("DOWNLOAD_SOURCE", "FAILED", "CLIENT_ERROR", e.getMessage());
            finalizeBuild("FAILED");
            return;
        }
        log.container("Processing environment variables");
        shell = new ShellSession(workDir.resolve("session"), spec.shell(), environment(spec, src, token), src,
                !spec.version().equals("0.1"));
        log.container("Moving to directory " + src);
        log.container("Phases found in YAML: " + spec.phases().size());
        spec.phases().forEach((name, p) -> log.container(" " + name.toUpperCase(Locale.ROOT) + ": "
                + p.commands().size() + " commands"));
        endPhase("DOWNLOAD_SOURCE", "SUCCEEDED", "", "");

        boolean succeeding = true;
        boolean upload = true;
        for (String name : Buildspec.PHASES) {
            Buildspec.PhaseSpec phase = spec.phases().get(name);
            Outcome outcome = runPhase(name.toUpperCase(Locale.ROOT), phase, succeeding);
            if (outcome == Outcome.TIMED_OUT || outcome == Outcome.STOPPED) {
                finalizeBuild(outcome.name());
                return;
            }
            if (outcome == Outcome.FAILED) {
                succeeding = false;
                String onFailure = phase == null ? null : phase.onFailure();
                if ("ABORT".equals(onFailure)
                        || onFailure == null && (name.equals("install") || name.equals("pre_build"))) {
                    upload = false;
                    break;
                }
            }
        }
        // Exported variables take their values as the last phase left them, as CodeBuild reads them.
        for (String name : spec.exportedVariables()) {
            String value = shell.env().get(name);
            if (value != null) build.exportVariable(name, value);
        }
        if (upload) {
            build.enterPhase("UPLOAD_ARTIFACTS", now());
            collectReports(spec, src);
            String[] failure = uploadArtifacts(spec, src);
            if (failure == null) {
                endPhase("UPLOAD_ARTIFACTS", "SUCCEEDED", "", "");
            } else {
                succeeding = false;
                endPhase("UPLOAD_ARTIFACTS", "FAILED", failure[0], failure[1]);
            }
        }
        finalizeBuild(succeeding ? "SUCCEEDED" : "FAILED");
    }

    private Outcome runPhase(String type, Buildspec.PhaseSpec phase, boolean succeeding)
            throws IOException, InterruptedException {
        build.enterPhase(type, now());
        log.container("Entering phase " + type);
        if (interrupted() != null) return endInterrupted(type);
        if (phase == null) {
            endPhase(type, "SUCCEEDED", "", "");
            return Outcome.SUCCEEDED;
        }
        shell.put("CODEBUILD_BUILD_SUCCEEDING", succeeding ? "1" : "0");
        String[] failure = null;
        for (Map.Entry<String, String> runtime : phase.runtimeVersions().entrySet()) {
            log.container("Selecting '" + runtime.getKey() + "' runtime version '" + runtime.getValue()
                    + "' based on manual selections...");
            try {
                runtimes.select(runtime.getKey(), runtime.getValue(), shell.env());
            } catch (Runtimes.UnavailableRuntimeException e) {
                endPhase(type, "FAILED", "YAML_FILE_ERROR", e.getMessage());
                return Outcome.FAILED;
            }
        }
        failure = runCommands(phase.commands());
        if (interrupted() != null) return endInterrupted(type);
        if (!phase.finallyCommands().isEmpty()) {
            shell.put("CODEBUILD_BUILD_SUCCEEDING", succeeding && failure == null ? "1" : "0");
            String[] finallyFailure = runCommands(phase.finallyCommands());
            if (interrupted() != null) return endInterrupted(type);
            if (failure == null) failure = finallyFailure;
        }
        if (failure != null) {
            endPhase(type, "FAILED", failure[0], failure[1]);
            return Outcome.FAILED;
        }
        endPhase(type, "SUCCEEDED", "", "");
        return Outcome.SUCCEEDED;
    }

    /** Runs commands until one fails; returns the failure's status code and message, or null. */
    private String[] runCommands(List<String> commands) throws IOException, InterruptedException {
        for (String command : commands) {
            log.container("Running command " + command);
            int status = shell.run(command, log::line);
            if (interrupted() != null) return null;
            if (status != 0) {
                log.container("Command did not exit successfully " + command + " exit status " + status);
                return new String[] {"COMMAND_EXECUTION_ERROR",
                        "Error while executing command: " + command + ". Reason: exit status " + status};
            }
        }
        return null;
    }

    private Outcome interrupted() {
        if (timedOut) return Outcome.TIMED_OUT;
        if (build.stopRequestedBy() != null) return Outcome.STOPPED;
        return null;
    }

    private Outcome endInterrupted(String type) {
        Outcome why = interrupted();
        if (why == Outcome.TIMED_OUT) {
            endPhase(type, "TIMED_OUT", "BUILD_TIMED_OUT", "Build has timed out. ");
        } else {
            endPhase(type, "STOPPED", "BUILD_STOPPED", "Build was stopped by " + build.stopRequestedBy());
        }
        return why;
    }

    private void quickPhase(String type) {
        build.enterPhase(type, now());
        build.endPhase("SUCCEEDED", now(), null, null);
    }

    private void endPhase(String type, String status, String code, String message) {
        build.endPhase(status, now(), code, message);
        log.container("Phase complete: " + type + " State: " + status);
        log.container("Phase context status code: " + code + " Message: " + message);
    }

    private void finalizeBuild(String status) {
        build.enterPhase("FINALIZING", now());
        // What the build left running in the background ends with it, as its container would.
        BuildProcesses.killAll(build.id());
        build.endPhase("SUCCEEDED", now(), null, null);
        build.finish(status, now());
    }

    private Instant now() { return state.clock().instant(); }

    // ---- environment ----

    private Map<String, String> environment(Buildspec spec, Path src, String token) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        // The cloud's own credentials and AWS settings never reach a build.
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        Path aws = Files.createDirectories(workDir.resolve("aws"));
        Files.writeString(aws.resolve("config"), "[default]\nregion = " + build.region() + "\n");
        Files.writeString(aws.resolve("credentials"), "");
        env.put("AWS_CONFIG_FILE", aws.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
        env.put("AWS_REGION", build.region());
        env.put("AWS_DEFAULT_REGION", build.region());
        env.put("AWS_ENDPOINT_URL", state.endpoint().toString());
        env.putIfAbsent("HOME", System.getProperty("user.home"));
        // Lowest to highest precedence: the buildspec, the project, the start request.
        env.putAll(spec.variables());
        env.putAll(build.project().environmentVariables());
        env.putAll(build.environmentOverrides());
        env.put("CODEBUILD_BUILD_ID", build.id());
        env.put("CODEBUILD_BUILD_ARN", build.arn());
        env.put("CODEBUILD_BUILD_NUMBER", Long.toString(build.buildNumber()));
        env.put("CODEBUILD_SRC_DIR", src.toString());
        env.put("CODEBUILD_INITIATOR", build.initiator());
        env.put("CODEBUILD_BUILD_SUCCEEDING", "1");
        env.put("CODEBUILD_START_TIME", Long.toString(build.startTime().toEpochMilli()));
        env.put("CODEBUILD_LOG_PATH", build.logStreamName());
        if (build.project().image() != null) env.put("CODEBUILD_BUILD_IMAGE", build.project().image());
        if (build.project().encryptionKey() != null) env.put("CODEBUILD_KMS_KEY_ID", build.project().encryptionKey());
        if (build.sourceVersion() != null) {
            env.put("CODEBUILD_SOURCE_VERSION", build.sourceVersion());
            env.put("CODEBUILD_RESOLVED_SOURCE_VERSION", build.sourceVersion());
        }
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.uri(build.uuid()));
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
        return env;
    }

    // ---- source ----

    private void unpack(Path src) throws IOException {
        if (input == null) return;
        if (Files.isDirectory(input)) {
            try (Stream<Path> files = Files.walk(input)) {
                for (Path f : files.toList()) {
                    Path target = src.resolve(input.relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(target);
                    else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return;
        }
        try (InputStream in = Files.newInputStream(input); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path target = src.resolve(e.getName()).normalize();
                if (!target.startsWith(src)) throw new IOException("The source archive holds a path outside it: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private String readBuildspec(Path src) throws Buildspec.InvalidBuildspecException, IOException {
        String source = buildspecSource == null || buildspecSource.isBlank() ? "buildspec.yml" : buildspecSource;
        if (source.contains("\n") || source.startsWith("version")) return source;
        Path file = src.resolve(source).normalize();
        log.container("YAML location is " + file);
        if (!Files.isRegularFile(file)) {
            throw new Buildspec.InvalidBuildspecException("stat " + file + ": no such file or directory");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    // ---- upload ----

    private void collectReports(Buildspec spec, Path src) {
        for (Map.Entry<String, Buildspec.FileSet> r : spec.reports().entrySet()) {
            Buildspec.FileSet set = r.getValue();
            Path base = set.baseDirectory() == null ? src : src.resolve(set.baseDirectory()).normalize();
            String group = build.projectName() + "-" + r.getKey();
            log.container("Preparing to copy TEST report " + group);
            try {
                List<String> files = FileGlobs.match(base, set.files());
                if (files.isEmpty()) {
                    log.container("Expanding base directory path: " + base + " ... no matching report paths found");
                    continue;
                }
                List<Path> paths = new ArrayList<>();
                files.forEach(f -> paths.add(base.resolve(f)));
                JUnitReports.Counts counts = JUnitReports.count(paths);
                String arn = "arn:aws:codebuild:" + build.region() + ":" + build.accountId() + ":report/" + group + ":"
                        + UUID.randomUUID();
                build.addReport(new BuildReport(group, arn, counts.failed() == 0 ? "SUCCEEDED" : "FAILED",
                        counts.total(), counts.passed(), counts.failed(), counts.skipped(), files));
                log.container("Report " + group + ": " + counts.total() + " test cases, " + counts.passed() + " passed, "
                        + counts.failed() + " failed, " + counts.skipped() + " skipped");
            } catch (Exception e) {
                log.container("Error in UPLOAD_ARTIFACTS phase: could not read report " + group + ": " + e.getMessage());
            }
        }
    }

    /** Null when the upload worked (or there was nothing to upload), else the context code and message. */
    private String[] uploadArtifacts(Buildspec spec, Path src) {
        if (spec.artifacts() == null || "NO_ARTIFACTS".equals(build.project().artifactsType())) return null;
        Path zip = workDir.resolve("artifacts.zip");
        try {
            int count = ArtifactZip.write(src, spec.artifacts(), zip);
            log.container("Found " + count + " file(s) to upload");
            build.artifact(zip);
            return null;
        } catch (ArtifactZip.NoMatchingFilesException e) {
            return new String[] {"CLIENT_ERROR", e.getMessage()};
        } catch (IOException e) {
            return new String[] {"CLIENT_ERROR", "could not package the artifacts: " + e.getMessage()};
        }
    }
}
