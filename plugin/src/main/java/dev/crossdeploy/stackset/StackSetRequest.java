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
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z][-A-Za-z0-9]{0,127}");

    /**
     * The stack set's name: {@code explicit} ({@code crossdeploy.stackSetName}) when set, else the
     * group's {@code stackSet: name}, else {@code <artifactId>-<group>}; checked against CloudFormation's rule.
     */
    public static String stackSetName(String explicit, String configured, String artifactId, String group) {
        String name = explicit != null && !explicit.isBlank() ? explicit.trim()
                : configured != null ? configured : artifactId + "-" + group;
        if (!NAME.matcher(name).matches()) {
            throw new dev.crossdeploy.CrossdeployException("Stack set name '" + name + "' is not valid for CloudFormation:"
                    + " start with a letter and use only letters, digits and hyphens (at most 128); set crossdeploy.stackSetName"
                    + " or the group's stackSet: name.");
        }
        return name;
    }

    public StackSetRequest {
        allowReplace = allowReplace == null ? Set.of() : Set.copyOf(allowReplace);
        parameterNames = parameterNames == null ? ParameterNames.DEFAULTS : parameterNames;
    }
}
