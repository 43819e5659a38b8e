package dev.crossdeploy.maven;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.stack.DriftCheck;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reports on demand how the stage's deployed stack drifted from its template: each resource
 * changed or deleted outside CloudFormation, property by property. Changes nothing.
 */
@Mojo(name = "drift", threadSafe = true)
public class DriftMojo extends AbstractStageMojo {
    /** The stack's name; defaults to {@code <artifactId>-<stage>}. */
    @Parameter(property = "crossdeploy.stackName")
    protected String stackName;

    @Override
    protected void run() {
        Stage target = resolveStage();
        String name = StackSettings.stackName(stackName, project.getArtifactId(), target.name());
        try (AccountSession session = AccountSession.open(target, awsSettings(), sessionName(target), reporter())) {
            new DriftCheck(session.cloudFormation(), reporter(), Timing.real()).report(target, name);
        }
    }
}
