package dev.crossdeploy.maven;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsErrors;
import dev.crossdeploy.account.SecretSafeLogging;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;

/**
 * What every crossdeploy goal shares: {@code skip}, the project, and the translation of
 * engine errors. Goals that reach AWS extend {@link AbstractAwsMojo}, goals that act on a stage
 * {@link AbstractStageMojo}, so each goal's help lists only the parameters it reads.
 * <p>
 * Subclasses implement {@link #run()}; a {@link CrossdeployException} becomes a
 * {@link MojoFailureException} with its one-line message, anything else a
 * {@link MojoExecutionException}.
 */
public abstract class AbstractCrossdeployMojo extends AbstractMojo {
    /** Skips the goal ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.skip", defaultValue = "false")
    protected String skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    private Reporter reporter;
    /** The stage this run works on, once resolved: named in front of AWS errors the engine did not explain. */
    private Stage target;

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
                String where = target == null ? "" : "Stage '" + target.name() + "' (account " + target.accountId()
                        + ", " + target.region() + "): ";
                throw new MojoFailureException(where + aws.get());
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

    /** Names the stage this run works on in front of AWS errors the engine did not explain. */
    protected final void workingOn(Stage stage) {
        this.target = stage;
    }

    protected Reporter reporter() {
        if (reporter == null) reporter = new MavenReporter(getLog());
        return reporter;
    }
}
