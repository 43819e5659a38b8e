package dev.crossdeploy.maven;

import dev.crossdeploy.fanout.EarlierGoal;
import dev.crossdeploy.fanout.StageDeployment;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.report.html.DeployReport;
import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
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
public class DeployStackMojo extends AbstractStageMojo {
    /** The stack's name; defaults to {@code <artifactId>-<stage>}. */
    @Parameter(property = "crossdeploy.stackName")
    protected String stackName;

    /** The template; defaults to the packaged one, else {@code src/main/cloudformation/template.yaml} (or {@code .json}). */
    @Parameter(property = "crossdeploy.template")
    protected File template;

    @Override
    protected File templateOverride() {
        return template;
    }

    /** Template parameter receiving the artifact's bucket, where the template declares it. */
    @Parameter(property = "crossdeploy.artifactBucketParameter", defaultValue = "ArtifactBucket")
    protected String artifactBucketParameter;

    /** Template parameter receiving the artifact's key, where the template declares it. */
    @Parameter(property = "crossdeploy.artifactKeyParameter", defaultValue = "ArtifactKey")
    protected String artifactKeyParameter;

    /** Template parameter receiving the stage's name, where the template declares it. */
    @Parameter(property = "crossdeploy.stageParameter", defaultValue = "Stage")
    protected String stageParameter;

    /** Comma list of logical ids a protected stage may replace or remove (data loss accepted). */
    @Parameter(property = "crossdeploy.allowReplace")
    protected String allowReplace;

    /** {@code true}: create and show the change set, then delete it ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.dryRun", defaultValue = "false")
    protected String dryRun;

    /** How long to wait for the stack to settle: an ISO-8601 duration from PT1S to PT24H, e.g. PT30M. */
    @Parameter(property = "crossdeploy.timeout", defaultValue = "PT30M")
    protected String timeout;

    /** {@code true}: deploy to a protected stage even when its stack drifted from the template ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.allowDrift", defaultValue = "false")
    protected String allowDrift;

    /** CloudFormation's deployment mode for the change set: STANDARD, or EXPRESS (no wait for resources to stabilize). */
    @Parameter(property = "crossdeploy.deploymentMode")
    protected String deploymentMode;

    /** {@code true}: a protected stage accepts EXPRESS mode ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.allowExpress", defaultValue = "false")
    protected String allowExpress;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    @Override
    protected void run() {
        // Every setting is read before the first AWS call, so a typo never half-deploys.
        boolean dry = Inputs.flag("crossdeploy.dryRun", dryRun, false);
        boolean overDrift = Inputs.flag("crossdeploy.allowDrift", allowDrift, false);
        boolean express = Inputs.flag("crossdeploy.allowExpress", allowExpress, false);
        var settings = new StageDeployment.Settings(stackName, project.getArtifactId(), project.getBasedir().toPath(),
                template == null ? null : template.toPath(),
                new ParameterNames(artifactBucketParameter, artifactKeyParameter, stageParameter),
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
