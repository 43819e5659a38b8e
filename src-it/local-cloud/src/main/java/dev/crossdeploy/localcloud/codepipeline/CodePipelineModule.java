package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.codebuild.Build;
import dev.crossdeploy.localcloud.codebuild.CodeBuildModule;
import dev.crossdeploy.localcloud.events.PipelineStarter;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CodePipeline: runs the pipelines CloudFormation recorded ({@code AWS::CodePipeline::Pipeline})
 * when EventBridge or StartPipelineExecution starts them, stage by stage on a thread pool this
 * module owns (see {@link ExecutionRunner}), in the pipeline's execution mode ({@link StageGates}); answers the
 * CodePipeline API ({@link CodePipelineService}). Reset and close stop every execution and its builds.
 */
public final class CodePipelineModule implements CloudModule, PipelineStarter {
    private final CloudState state;
    private final Map<String, PipelineRuns> runs = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService pool;
    private final CodePipelineService service;
    private volatile boolean closed;

    public CodePipelineModule(CloudState state) {
        this.state = state;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-cloud-codepipeline-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.service = new CodePipelineService(state, this);
    }

    @Override
    public List<AwsService> apis() { return List.of(service); }

    static AwsException pipelineNotFound(String accountId, String name) {
        return new AwsException(400, "PipelineNotFoundException",
                "Account '" + accountId + "' does not have a pipeline with name '" + name + "'");
    }

    /** The pipeline as it is now recorded. */
    Optional<PipelineDefinition> pipeline(String accountId, String region, String name) {
        return ResourceRecords.of(state).get(accountId, region, PipelineDefinition.RESOURCE_TYPE, name)
                .map(e -> PipelineDefinition.of(e, firstSeen.computeIfAbsent(key(accountId, region, name),
                        k -> state.clock().instant())));
    }

    PipelineDefinition require(String accountId, String region, String name) {
        return pipeline(accountId, region, name).orElseThrow(() -> pipelineNotFound(accountId, name));
    }

    /** The executions of a pipeline, newest first. */
    PipelineRuns runs(String accountId, String region, String name) {
        return runs.computeIfAbsent(key(accountId, region, name), k -> new PipelineRuns());
    }

    @Override
    public String startPipelineExecution(String accountId, String region, String pipelineName, Principal startedBy) {
        return start(accountId, region, pipelineName, "CloudWatchEvent", startedBy.arn()).id();
    }

    /** Starts an execution with the pipeline as it is recorded now; returns it running. */
    PipelineExecution start(String accountId, String region, String name, String triggerType, String triggerDetail) {
        if (closed) throw new AwsException(503, "ServiceUnavailableException", "The local cloud is stopping");
        PipelineDefinition pipeline = require(accountId, region, name);
        PipelineExecution execution = new PipelineExecution(sequence.incrementAndGet(), pipeline, state.clock().instant(),
                triggerType, triggerDetail);
        PipelineRuns pipelineRuns = runs(accountId, region, name);
        pipelineRuns.add(execution);
        ExecutionRunner runner = new ExecutionRunner(state, execution, pipelineRuns.gates(), pool,
                state.dataDir().resolve("codepipeline").resolve(execution.id()));
        running.put(execution.id(), pool.submit(runner));
        execution.completion().whenComplete((e, t) -> running.remove(execution.id()));
        return execution;
    }

    /**
     * StopPipelineExecution: the execution ends Stopped once its running actions finish, or at once
     * (its builds stopped, its approvals abandoned) when {@code abandon}.
     */
    void stop(PipelineExecution execution, PipelineRuns pipelineRuns, boolean abandon, String reason) {
        execution.requestStop(abandon, reason, state.clock().instant());
        pipelineRuns.gates().wake();
        if (!abandon) return;
        for (StageRun stage : execution.stages()) {
            for (ActionRun run : stage.actions()) {
                if (run.isComplete()) continue;
                run.approval().complete(new ActionRun.ApprovalResult("Abandoned", "The execution was stopped", null));
                Build build = run.build();
                if (build != null) state.module(CodeBuildModule.class).stop(build, "codepipeline/" + execution.pipeline().name());
            }
        }
    }

    private static String key(String accountId, String region, String name) { return accountId + "|" + region + "|" + name; }

    @Override
    public void reset() {
        stopAll();
        runs.clear();
        firstSeen.clear();
    }

    @Override
    public void close() {
        closed = true;
        stopAll();
        pool.shutdownNow();
    }

    private void stopAll() {
        for (PipelineRuns r : runs.values()) {
            for (PipelineExecution e : r.newestFirst()) {
                if (!e.isComplete()) stop(e, r, true, "The local cloud was reset");
            }
        }
        List<Future<?>> futures = new ArrayList<>(running.values());
        running.clear();
        for (Future<?> f : futures) f.cancel(true);
        for (Future<?> f : futures) {
            try {
                if (!f.isCancelled()) f.get(10, TimeUnit.SECONDS);
            } catch (Exception ex) {
                // An execution that does not end in time is abandoned; its thread was interrupted.
            }
        }
        // Cancelled before their runner started: nothing else will end them.
        for (PipelineRuns r : runs.values()) {
            r.newestFirst().forEach(e -> e.finish("Stopped", "The local cloud was reset", state.clock().instant()));
        }
    }
}
