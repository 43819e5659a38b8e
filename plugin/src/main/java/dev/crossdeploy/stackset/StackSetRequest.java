package dev.crossdeploy.stackset;

import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stage.StackSetGroup;
import dev.crossdeploy.upload.UploadOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * One rollout of the packaged artifact and its template to a stage group through a stack set.
 *
 * @param group          the group and its {@code stackSet:} block
 * @param stackSetName   the stack set's name
 * @param template       the template every instance gets
 * @param parameterNames the template parameters receiving the artifact's bucket and key and the stage's name
 * @param allowReplace   logical ids a protected stage's instance may replace or remove
 * @param allowProtected the command line's allowance for protected stages ({@code crossdeploy.allowProtectedInStackSet})
 * @param buildDirectory where the packaged artifact's manifest is, and each stage's upload record goes
 * @param uploadOptions  how the artifact goes up to each account
 * @param timeout        how long each stack set operation may take
 * @param parallel       accounts checked and uploaded to at once
 */
public record StackSetRequest(StackSetGroup group, String stackSetName, Path template, ParameterNames parameterNames,
                              Set<String> allowReplace, boolean allowProtected, Path buildDirectory,
                              UploadOptions uploadOptions, Duration timeout, int parallel) {
    public StackSetRequest {
        allowReplace = allowReplace == null ? Set.of() : Set.copyOf(allowReplace);
        parameterNames = parameterNames == null ? ParameterNames.DEFAULTS : parameterNames;
    }
}
