package dev.crossdeploy.maven;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsErrors;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.account.SecretSafeLogging;
import dev.crossdeploy.account.SessionNames;
import dev.crossdeploy.gate.VerificationGate;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.stage.StageResolver;
import dev.crossdeploy.stage.StageSpec;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What every crossdeploy goal shares: the stage configuration, {@code skip}, how AWS is
 * reached, and the translation of engine errors. Region and endpoint are never parameters:
 * the stage fixes the region and the SDK reads {@code AWS_ENDPOINT_URL} (and credentials)
 * from its standard environment.
 * <p>
 * Subclasses implement {@link #run()}; a {@link CrossdeployException} becomes a
 * {@link MojoFailureException} with its one-line message, anything else a
 * {@link MojoExecutionException}.
 */
public abstract class AbstractCrossdeployMojo extends AbstractMojo {
    private static final String BUILD_SCOPE = "crossdeploy.buildScope";
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

    /** Skips the goal ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.skip", defaultValue = "false")
    protected String skip;

    /** Path-style S3 addressing ({@code true} or {@code false}), for S3-compatible endpoints such as the local cloud. */
    @Parameter(property = "crossdeploy.pathStyleAccess", defaultValue = "false")
    protected String pathStyleAccess;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    private Reporter reporter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        // Before any SDK class exists in this plugin's class realm: its loggers take their level when created.
        SecretSafeLogging.apply();
        try {
            if (Inputs.flag("crossdeploy.skip", skip, false)) {
                getLog().info("crossdeploy: skipped (crossdeploy.skip=true)");
                return;
            }
            if (isAggregatorWithoutStack()) {
                getLog().info("crossdeploy: nothing to do in " + project.getArtifactId()
                        + " (an aggregator of modules, with no src/main/cloudformation/template.yaml or .json)");
                return;
            }
            run();
        } catch (CrossdeployException e) {
            // The message is the one line the user reads; Maven would append the cause's text to it.
            getLog().debug(e);
            throw new MojoFailureException(e.getMessage());
        } catch (MojoExecutionException | MojoFailureException e) {
            throw e;
        } catch (RuntimeException e) {
            // AWS and network failures the engine did not explain in its own terms: one line, no SDK class names.
            var aws = AwsErrors.explainAny(e);
            if (aws.isPresent()) {
                getLog().debug(e);
                throw new MojoFailureException(aws.get());
            }
            throw new MojoExecutionException("crossdeploy failed unexpectedly: " + e, e);
        }
    }

    /**
     * The aggregator of a multi-module build: pom packaging, modules, and no template. Goals run
     * from the root of such a build pass over it instead of failing on it. A pom-packaged project
     * without modules is a template-only stack, so a missing template there is still an error.
     */
    protected boolean isAggregatorWithoutStack() {
        if (project == null || !"pom".equals(project.getPackaging()) || project.getBasedir() == null
                || project.getModules().isEmpty()) {
            return false;
        }
        if (templateOverride() != null) return false;
        java.nio.file.Path templates = project.getBasedir().toPath().resolve("src/main/cloudformation");
        return !java.nio.file.Files.exists(templates.resolve("template.yaml"))
                && !java.nio.file.Files.exists(templates.resolve("template.json"));
    }

    /** The template the user named, for goals that take one; null otherwise. */
    protected File templateOverride() {
        return null;
    }

    /** The goal's work. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The stage {@code -Dstage} names, merged from the POM and the stages file, defaulted and validated. */
    protected Stage resolveStage() {
        return stageResolver().resolve(stage);
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
        return new VerificationGate(reporter(), Clock.systemUTC())
                .requireBeforeDeploy(stageResolver(), target, awsSettings(), artifactId, sha256);
    }

    /** The pipeline's base credentials and the SDK's own endpoint resolution; one session per stage for the whole build. */
    protected AwsSettings awsSettings() {
        AwsSettings settings = AwsSettings.defaults(Inputs.flag("crossdeploy.pathStyleAccess", pathStyleAccess, false));
        // Maven keeps one plugin context per plugin and project for the whole build: a token put there
        // names this build to every later goal of this plugin, and only to them.
        @SuppressWarnings("unchecked")
        Map<Object, Object> context = getPluginContext();
        if (context == null) return settings;
        Object scope = context.computeIfAbsent(BUILD_SCOPE, k -> java.util.UUID.randomUUID().toString());
        return settings.sharedWithin(scope.toString());
    }

    /** {@code crossdeploy-<stage>[-<CodeBuild build id>]}. */
    protected String sessionName(Stage target) {
        return SessionNames.forStage(target.name());
    }

    protected Reporter reporter() {
        if (reporter == null) reporter = new MavenReporter(getLog());
        return reporter;
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
