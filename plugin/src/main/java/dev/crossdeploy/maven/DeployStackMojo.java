package dev.crossdeploy.maven;

import dev.crossdeploy.fanout.EarlierGoal;
import dev.crossdeploy.fanout.StageDeployment;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.report.html.DeployReport;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Deploys the service's CloudFormation stack into the stage's account through a change set:
 * shows it, guards a protected stage's data, executes it, streams the events and publishes
 * the outputs to {@code target/crossdeploy/<stage>-outputs.json} and the project properties
 * {@code crossdeploy.output.<Key>}.
 */
@Mojo(name = "deploy-stack", threadSafe = true)
public class DeployStackMojo extends AbstractStackMojo {
    /** The stack's name; defaults to {@code <artifactId>-<stage>}. */
    @Parameter(property = "crossdeploy.stackName")
    protected String stackName;

    /** {@code true}: create and show the change set, then delete it ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.dryRun", defaultValue = "false")
    protected String dryRun;

    /** {@code true}: deploy to a protected stage even when its stack drifted from the template ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.allowDrift", defaultValue = "false")
    protected String allowDrift;

    /** CloudFormation's deployment mode for the change set: STANDARD, or EXPRESS (no wait for resources to stabilize). */
    @Parameter(property = "crossdeploy.deploymentMode")
    protected String deploymentMode;

    /** {@code true}: a protected stage accepts EXPRESS mode ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.allowExpress", defaultValue = "false")
    protected String allowExpress;

    @Override
    protected void run() {
        // Every setting is read before the first AWS call, so a typo never half-deploys.
        boolean dry = Inputs.flag("crossdeploy.dryRun", dryRun, false);
        boolean overDrift = Inputs.flag("crossdeploy.allowDrift", allowDrift, false);
        boolean express = Inputs.flag("crossdeploy.allowExpress", allowExpress, false);
        var settings = new StageDeployment.Settings(stackName, project.getArtifactId(), project.getBasedir().toPath(),
                template == null ? null : template.toPath(),
                parameterNames(),
                StackSettings.allowReplace(allowReplace), dry, StackSettings.timeout(timeout), overDrift,
                deploymentMode, express, buildDirectory.toPath());
        List<Stage> targets = resolveStages();
        StageFanOut fanOut = fanOut().carrying(uploadsOfThisBuild());
        boolean several = targets.size() > 1;
        DeployReport report = new DeployReport(buildDirectory.toPath().resolve("crossdeploy"), stage,
                targets.stream().map(Stage::name).toList(), Clock.systemUTC());
        try {
            new StageDeployment(settings, awsSettings(), stageResolver()).deploy(targets, fanOut, report, (target, result) -> {
                // Several stages: each stage's outputs under its own name, so none overwrites another's.
                String prefix = several ? "crossdeploy.output." + target.name() + "." : "crossdeploy.output.";
                result.outputs().forEach((key, value) -> project.getProperties().setProperty(prefix + key, value));
            });
        } finally {
            report.write(reporter()).ifPresent(page -> reporter().info("Deployment report: " + page));
        }
    }

    /** upload-to-account's results when it ran before in this build and left its summary to this goal; else null. */
    private EarlierGoal uploadsOfThisBuild() {
        @SuppressWarnings("unchecked")
        Map<Object, Object> context = getPluginContext();
        return context != null && context.remove(SameBuild.UPLOADS) instanceof EarlierGoal uploads ? uploads : null;
    }
}
