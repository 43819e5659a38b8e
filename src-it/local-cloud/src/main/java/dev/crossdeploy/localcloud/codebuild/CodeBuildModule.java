package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.logs.LogStore;
import dev.crossdeploy.localcloud.logs.LogsModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * CodeBuild: runs the buildspec of a project CloudFormation created, for real, in a fresh
 * directory under the cloud's data directory, with the project's service role's credentials
 * served as container credentials and every log line in CloudWatch Logs. CodePipeline starts
 * builds through {@link #start}; clients through the CodeBuild API ({@link CodeBuildService}).
 * Reset and close stop every running build and its processes.
 */
public final class CodeBuildModule implements CloudModule {
    private final CloudState state;
    private final ContainerCredentials credentials;
    private final Runtimes runtimes = new Runtimes(Path.of("/usr/lib/jvm"));
    private final Map<String, Running> builds = new ConcurrentHashMap<>();
    private final ExecutorService runners;
    private final ScheduledExecutorService timers;
    private final CodeBuildService service;
    private final Thread shutdownHook = new Thread(this::killRunningProcesses, "local-cloud-codebuild-stop");
    private volatile boolean closed;

    /** A build and the runner that can stop it. */
    private record Running(Build build, BuildRunner runner) {}

    public CodeBuildModule(CloudState state) {
        this.state = state;
        this.credentials = new ContainerCredentials(state);
        AtomicInteger n = new AtomicInteger();
        this.runners = Executors.newCachedThreadPool(r -> daemon(r, "local-cloud-codebuild-" + n.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "local-cloud-codebuild-timeouts"));
        this.service = new CodeBuildService(state, this);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public List<AwsService> apis() { return List.of(service); }

    @Override
    public Optional<CloudResponse> serve(CloudRequest request) { return credentials.serve(request); }

    /**
     * Starts a build of a project with {@code sourceZipOrDir} as its input (null for none) and
     * these environment variables over the project's; returns at once with the running build.
     *
     * @throws AwsException ResourceNotFoundException when the project does not exist
     */
    public Build start(String accountId, String region, String projectName, Path sourceZipOrDir,
                       Map<String, String> environmentOverrides) {
        return start(accountId, region, projectName, BuildRequest.of(sourceZipOrDir, environmentOverrides));
    }

    /** Starts a build as {@link #start(String, String, String, Path, Map)}, with the request's options. */
    public Build start(String accountId, String region, String projectName, BuildRequest request) {
        Project project = Project.find(state, accountId, region, projectName).orElseThrow(() ->
                CodeBuildService.projectNotFound(Project.arn(accountId, region, projectName)));
        String sourceType = request.source() == null ? project.sourceType() : "CODEPIPELINE".equals(project.sourceType())
                ? "CODEPIPELINE" : "S3";
        return launch(project, request, sourceType, request.source() == null ? project.sourceLocation() : request.source().toString());
    }

    Build launch(Project project, BuildRequest request, String sourceType, String sourceLocation) {
        if (closed) throw new AwsException(503, "ServiceUnavailableException", "The local cloud is stopping");
        String uuid = UUID.randomUUID().toString();
        long number = ResourceRecords.of(state).next("codebuild-build-number:" + project.arn());
        Duration timeout = request.timeout() != null ? request.timeout() : Duration.ofMinutes(project.timeoutInMinutes());
        Build build = new Build(uuid, project, number, request.initiator() == null ? "local-cloud" : request.initiator(),
                state.clock().instant(), timeout, request.environmentOverrides(), sourceType, sourceLocation,
                request.sourceVersion());
        Path workDir;
        try {
            workDir = Files.createDirectories(state.dataDir().resolve("codebuild").resolve(uuid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BuildLog log = new BuildLog(build, logStore(project), state.clock(), () -> credentials.secretsOf(uuid));
        String buildspec = request.buildspecOverride() != null ? request.buildspecOverride() : project.buildspec();
        BuildRunner runner = new BuildRunner(state, build, workDir, request.source(), buildspec, credentials, runtimes, log);
        builds.put(build.id(), new Running(build, runner));
        ScheduledFuture<?> timer = timers.schedule(runner::timeOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        build.completion().whenComplete((b, e) -> timer.cancel(false));
        runners.execute(runner);
        return build;
    }

    /** The log store the build writes to, its group created if missing; null when the project's logs are off. */
    private LogStore logStore(Project project) {
        if (!project.cloudWatchLogsEnabled()) return null;
        LogStore store = state.module(LogsModule.class).store();
        store.createGroup(project.accountId(), project.region(), project.logGroupName(), state.clock().millis());
        return store;
    }

    /** A build by id ({@code <project>:<uuid>}) in an account and region. */
    public Optional<Build> build(String accountId, String region, String id) {
        Running r = builds.get(id);
        if (r == null || !r.build().accountId().equals(accountId) || !r.build().region().equals(region)) return Optional.empty();
        return Optional.of(r.build());
    }

    /** A project's builds, newest first. */
    public List<Build> builds(String accountId, String region, String projectName) {
        List<Build> out = new ArrayList<>();
        for (Running r : builds.values()) {
            Build b = r.build();
            if (b.accountId().equals(accountId) && b.region().equals(region) && b.projectName().equals(projectName)) out.add(b);
        }
        out.sort(Comparator.comparing(Build::startTime).thenComparing(Build::buildNumber).reversed());
        return out;
    }

    /** Stops a running build (its command is killed); a finished build stays as it ended. */
    public void stop(Build build, String by) {
        Running r = builds.get(build.id());
        if (r == null || build.isComplete()) return;
        build.requestStop(by);
        r.runner().stop();
    }

    Optional<Project> project(String accountId, String region, String name) {
        return Project.find(state, accountId, region, name);
    }

    @Override
    public void reset() {
        stopAll();
        credentials.clear();
        deleteWorkDirs();
    }

    @Override
    public void close() {
        closed = true;
        stopAll();
        runners.shutdownNow();
        timers.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already exiting; the hook runs or has run.
        }
    }

    /** The JVM is exiting without closing the cloud: no build's process may outlive it. */
    private void killRunningProcesses() {
        for (Running r : builds.values()) {
            if (!r.build().isComplete()) BuildProcesses.killAll(r.build().id());
        }
    }

    private void stopAll() {
        List<Running> all = new ArrayList<>(builds.values());
        builds.clear();
        for (Running r : all) {
            r.build().requestStop("the local cloud's reset");
            r.runner().stop();
        }
        for (Running r : all) {
            try {
                r.build().awaitCompletion(Duration.ofSeconds(10));
            } catch (Exception e) {
                // A runner that does not end in time is abandoned; its processes were killed.
            }
        }
    }

    private void deleteWorkDirs() {
        Path dir = state.dataDir().resolve("codebuild");
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for the next reset or the cloud's own cleanup.
        }
    }
}
