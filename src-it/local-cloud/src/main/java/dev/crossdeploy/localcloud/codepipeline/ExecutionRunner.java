package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.CloudState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Runs one execution as a state machine over its pipeline's stages: stages in order, each entered
 * through the pipeline's {@link StageGates}; within a stage, actions grouped by RunOrder, the
 * actions of one RunOrder in parallel (as CodePipeline runs them) and the next group only when all
 * of them succeeded. A failed action fails its stage and the execution; later stages do not run.
 */
final class ExecutionRunner implements Runnable {
    private final CloudState state;
    private final PipelineExecution execution;
    private final StageGates gates;
    private final ExecutorService pool;
    private final Path workDir;

    ExecutionRunner(CloudState state, PipelineExecution execution, StageGates gates, ExecutorService pool, Path workDir) {
        this.state = state;
        this.execution = execution;
        this.gates = gates;
        this.pool = pool;
        this.workDir = workDir;
    }

    @Override
    public void run() {
        try {
            Files.createDirectories(workDir);
            runStages();
        } catch (InterruptedException e) {
            execution.finish("Stopped", "The local cloud stopped the execution", state.clock().instant());
        } catch (IOException e) {
            execution.finish("Failed", "Internal error: " + e.getMessage(), state.clock().instant());
        } catch (RuntimeException e) {
            execution.finish("Failed", "Internal error: " + e, state.clock().instant());
            throw e;
        } finally {
            deleteQuietly(workDir);
        }
    }

    private void runStages() throws InterruptedException {
        List<PipelineDefinition.Stage> stages = execution.pipeline().stages();
        for (int i = 0; i < stages.size(); i++) {
            StageGates.Entry entry = gates.enter(i, execution);
            if (entry == StageGates.Entry.SUPERSEDED) {
                execution.finish("Superseded", "Superseded by a newer execution of the pipeline", state.clock().instant());
                return;
            }
            if (entry == StageGates.Entry.STOPPED) {
                execution.finish("Stopped", execution.stopReason(), state.clock().instant());
                return;
            }
            StageRun stage = new StageRun(stages.get(i).name());
            execution.enter(stage, state.clock().instant());
            String failure;
            try {
                failure = runStage(stages.get(i), stage);
            } finally {
                gates.leave(i, execution);
            }
            if (failure != null) {
                boolean stopped = execution.stopRequested();
                stage.status(stopped ? "Stopped" : "Failed");
                execution.finish(stopped ? "Stopped" : "Failed", stopped ? execution.stopReason() : failure, state.clock().instant());
                return;
            }
            stage.status("Succeeded");
            if (execution.stopRequested()) {
                execution.finish("Stopped", execution.stopReason(), state.clock().instant());
                return;
            }
        }
        execution.finish("Succeeded", null, state.clock().instant());
    }

    /** @return null when every action succeeded, else the first failure's summary */
    private String runStage(PipelineDefinition.Stage definition, StageRun stage) throws InterruptedException {
        TreeMap<Integer, List<PipelineDefinition.Action>> byRunOrder = new TreeMap<>();
        for (PipelineDefinition.Action a : definition.actions()) {
            byRunOrder.computeIfAbsent(a.runOrder(), k -> new ArrayList<>()).add(a);
        }
        for (List<PipelineDefinition.Action> group : byRunOrder.values()) {
            if (execution.stopRequested()) return execution.stopReason();
            List<ActionRun> runs = new ArrayList<>();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (PipelineDefinition.Action a : group) {
                ActionRun run = new ActionRun(execution.id(), stage.name(), a, state.clock().instant());
                stage.add(run);
                runs.add(run);
                running.add(CompletableFuture.runAsync(() -> runAction(run), pool));
            }
            try {
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                running.forEach(f -> f.cancel(true));
                throw e;
            }
            execution.touched(state.clock().instant());
            for (ActionRun r : runs) {
                if (!r.status().equals("Succeeded")) return r.summary() == null ? "Action " + r.action().name() + " failed" : r.summary();
            }
        }
        return null;
    }

    private void runAction(ActionRun run) {
        PipelineDefinition p = execution.pipeline();
        PipelineDefinition.Action a = run.action();
        try {
            PipelineRole role = PipelineRole.assume(state, a.roleArn() != null ? a.roleArn() : p.roleArn(), p.name());
            ArtifactStore store = new ArtifactStore(state, p, role);
            String kind = a.category() + "/" + a.owner() + "/" + a.provider();
            String summary = null;
            String by = null;
            switch (kind) {
                case "Source/AWS/CodeCommit" -> new CodeCommitSource(state).run(execution, run, role, store, workDir);
                case "Build/AWS/CodeBuild", "Test/AWS/CodeBuild" -> new CodeBuildAction(state).run(execution, run, role, store);
                case "Approval/AWS/Manual" -> {
                    ActionRun.ApprovalResult result = new ManualApproval(state).run(execution, run);
                    if (result.status().equals("Abandoned")) {
                        run.finish("Abandoned", result.summary(), result.by(), state.clock().instant());
                        return;
                    }
                    if (!result.status().equals("Approved")) {
                        run.finish("Failed", result.summary(), result.by(), state.clock().instant());
                        return;
                    }
                    summary = result.summary();
                    by = result.by();
                }
                default -> throw new ActionFailure("The local cloud does not run actions of type " + a.category()
                        + " from provider " + a.provider() + " (owner " + a.owner() + ")");
            }
            run.finish("Succeeded", summary, by, state.clock().instant());
        } catch (ActionFailure e) {
            run.finish(execution.abandon() ? "Abandoned" : "Failed", e.getMessage(), null, state.clock().instant());
        } catch (InterruptedException e) {
            run.finish("Abandoned", "The execution was stopped", null, state.clock().instant());
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            run.finish("Failed", "Internal error: " + e, null, state.clock().instant());
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for the module's reset.
        }
    }
}
