package dev.crossdeploy.maven;

import dev.crossdeploy.account.SessionNames;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.gate.VerificationGate;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.stage.StageResolver;
import dev.crossdeploy.stage.StageSpec;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A goal that acts on one stage's account: the stage configuration ({@code -Dstage}, the POM's
 * {@code <stages>}, the stages file), its resolution, and the tested-before-production gate.
 */
public abstract class AbstractStageMojo extends AbstractAwsMojo {
    /** The stages file read when {@code stagesFile} is not set and this file exists in the project. */
    public static final String DEFAULT_STAGES_FILE = "crossdeploy-stages.yaml";

    /** The stage to act on, as in {@code -Dstage=qa}. */
    @Parameter(property = "stage")
    protected String stage;

    /** Stages declared in the POM; entries override stages-file entries of the same name. */
    @Parameter
    protected List<StageParameter> stages;

    /** YAML stages file; defaults to {@code crossdeploy-stages.yaml} in the project directory when it exists. */
    @Parameter(property = "crossdeploy.stagesFile")
    protected File stagesFile;

    /** Stages deployed at once when {@code -Dstage} names several (1 to 64). */
    @Parameter(property = "crossdeploy.parallel", defaultValue = "10")
    protected String parallel;

    /**
     * The stages {@code -Dstage} names: one stage, a comma list, a group of the stages file or
     * {@code all} (every unprotected stage).
     */
    protected List<Stage> resolveStages() {
        List<Stage> resolved = stageResolver().resolveAll(stage);
        if (resolved.size() == 1) workingOn(resolved.get(0));
        return resolved;
    }

    /** Runs the goal's per-stage work for the resolved stages, {@code crossdeploy.parallel} at once. */
    protected StageFanOut fanOut() {
        int bound = (int) Inputs.number("crossdeploy.parallel", parallel, StageFanOut.DEFAULT_PARALLEL,
                1, StageFanOut.MAX_PARALLEL, "1 to " + StageFanOut.MAX_PARALLEL);
        return new StageFanOut(bound, reporter());
    }

    /** The stage {@code -Dstage} names, merged from the POM and the stages file, defaulted and validated. */
    protected Stage resolveStage() {
        Stage resolved = stageResolver().resolve(stage);
        workingOn(resolved);
        return resolved;
    }

    /** All configured stages, resolved. */
    protected StageResolver stageResolver() {
        List<StageSpec> specs = stages == null ? List.of() : stages.stream().map(StageParameter::toSpec).toList();
        return new StageResolver(specs, stagesFilePath());
    }

    /**
     * The tested-before-production gate: for a stage with {@code requireVerifiedIn}, refuses an
     * artifact that has not passed in the named stage. Call it before writing to the target.
     *
     * @return the proof the engine demands for such a stage; null for other stages
     */
    protected Verified requireVerified(Stage target, String artifactId, String sha256) {
        return requireVerified(target, artifactId, sha256, reporter());
    }

    /** {@link #requireVerified(Stage, String, String)} reporting to one stage's lines of a fan-out. */
    protected Verified requireVerified(Stage target, String artifactId, String sha256, Reporter reporter) {
        return new VerificationGate(reporter, Clock.systemUTC())
                .requireBeforeDeploy(stageResolver(), target, awsSettings(), artifactId, sha256);
    }

    /** {@code crossdeploy-<stage>[-<CodeBuild build id>]}. */
    protected String sessionName(Stage target) {
        return SessionNames.forStage(target.name());
    }

    private Path stagesFilePath() {
        if (stagesFile != null) {
            // A relative -Dcrossdeploy.stagesFile is meant from the project, not the JVM's directory.
            return stagesFile.isAbsolute() || project == null ? stagesFile.toPath()
                    : project.getBasedir().toPath().resolve(stagesFile.toPath());
        }
        if (project == null || project.getBasedir() == null) return null;
        Path conventional = project.getBasedir().toPath().resolve(DEFAULT_STAGES_FILE);
        return Files.isRegularFile(conventional) ? conventional : null;
    }
}
