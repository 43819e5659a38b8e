package dev.crossdeploy.maven;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.stack.OutputsRequest;
import dev.crossdeploy.stack.StackOutputs;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Fetches a deployed stack's outputs into {@code target/crossdeploy/<stage>-outputs.json} and
 * the project properties {@code crossdeploy.output.<Key>}, e.g. for integration tests that
 * call the staging API. With several stages ({@code -Dstage=a,b}, a group or {@code all}) each
 * stage's outputs go to its own file and to {@code crossdeploy.output.<stage>.<Key>}.
 */
@Mojo(name = "outputs", threadSafe = true)
public class OutputsMojo extends AbstractStageMojo {
    /** The stack's name; defaults to {@code <artifactId>-<stage>}. */
    @Parameter(property = "crossdeploy.stackName")
    protected String stackName;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    @Override
    protected void run() {
        List<Stage> targets = resolveStages();
        StageFanOut fanOut = fanOut().counting("Outputs");
        AwsSettings settings = awsSettings();
        Map<String, OutputsRequest> requests = fanOut.prepare(targets, (target, reporter) -> new OutputsRequest(target,
                StackSettings.stackName(stackName, project.getArtifactId(), target.name()),
                buildDirectory.toPath().resolve("crossdeploy")));
        boolean several = targets.size() > 1;
        fanOut.run(targets, (target, reporter) -> {
            StackOutputs.Result result;
            try (AccountSession session = AccountSession.open(target, settings, sessionName(target), reporter)) {
                result = new StackOutputs(session.cloudFormation(), reporter, Timing.real()).fetch(requests.get(target.name()));
            }
            // Several stages: each stage's outputs under its own name, as deploy-stack publishes them.
            String prefix = several ? "crossdeploy.output." + target.name() + "." : "crossdeploy.output.";
            result.outputs().forEach((key, value) -> project.getProperties().setProperty(prefix + key, value));
            return result.outputs().size();
        });
    }
}
