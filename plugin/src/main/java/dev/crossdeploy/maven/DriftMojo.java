package dev.crossdeploy.maven;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.stack.DriftCheck;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Map;

/**
 * Reports on demand how the stage's deployed stack drifted from its template: each resource
 * changed or deleted outside CloudFormation, property by property. Changes nothing. Takes
 * several stages ({@code -Dstage=a,b}, a group or {@code all}); the summary counts each stage's drifted resources.
 */
@Mojo(name = "drift", threadSafe = true)
public class DriftMojo extends AbstractStageMojo {
    /** The stack's name; defaults to {@code <artifactId>-<stage>}. */
    @Parameter(property = "crossdeploy.stackName")
    protected String stackName;

    @Override
    protected void run() {
        List<Stage> targets = resolveStages();
        StageFanOut fanOut = fanOut().counting("Drifted");
        AwsSettings settings = awsSettings();
        Map<String, String> names = fanOut.prepare(targets,
                (target, reporter) -> StackSettings.stackName(stackName, project.getArtifactId(), target.name()));
        fanOut.run(targets, (target, reporter) -> {
            try (AccountSession session = AccountSession.open(target, settings, sessionName(target), reporter)) {
                return new DriftCheck(session.cloudFormation(), reporter, Timing.real())
                        .report(target, names.get(target.name())).items().size();
            }
        });
    }
}
