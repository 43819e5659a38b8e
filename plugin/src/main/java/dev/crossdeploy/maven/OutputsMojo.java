package dev.crossdeploy.maven;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.stack.OutputsRequest;
import dev.crossdeploy.stack.StackOutputs;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Fetches a deployed stack's outputs into {@code target/crossdeploy/<stage>-outputs.json} and
 * the project properties {@code crossdeploy.output.<Key>}, e.g. for integration tests that
 * call the staging API.
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
        Stage target = resolveStage();
        OutputsRequest request = new OutputsRequest(target,
                StackSettings.stackName(stackName, project.getArtifactId(), target.name()),
                buildDirectory.toPath().resolve("crossdeploy"));
        StackOutputs.Result result;
        try (AccountSession session = AccountSession.open(target, awsSettings(), sessionName(target), reporter())) {
            result = new StackOutputs(session.cloudFormation(), reporter(), Timing.real()).fetch(request);
        }
        result.outputs().forEach((key, value) -> project.getProperties().setProperty("crossdeploy.output." + key, value));
    }
}
