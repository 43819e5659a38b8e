package dev.crossdeploy.maven;

import dev.crossdeploy.stack.ParameterNames;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * The parameters of the goals that deploy the service's template (deploy-stack, deploy-stack-set):
 * which template, which of its parameters receive the artifact and the stage, what a protected
 * stage may replace, and how long to wait.
 */
public abstract class AbstractStackMojo extends AbstractStageMojo {
    /** The template; defaults to the packaged one, else {@code src/main/cloudformation/template.yaml} (or {@code .json}). */
    @Parameter(property = "crossdeploy.template")
    protected File template;

    /** Template parameter receiving the artifact's bucket (each account's own), where the template declares it. */
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

    /** How long to wait for the stack (or each stack set operation): an ISO-8601 duration from PT1S to PT24H, e.g. PT30M. */
    @Parameter(property = "crossdeploy.timeout", defaultValue = "PT30M")
    protected String timeout;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    @Override
    protected File templateOverride() {
        return template;
    }

    /** The template parameters that receive the artifact's bucket and key and the stage's name. */
    protected ParameterNames parameterNames() {
        return new ParameterNames(artifactBucketParameter, artifactKeyParameter, stageParameter);
    }
}
