package dev.crossdeploy.maven;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.stack.DeleteRequest;
import dev.crossdeploy.stack.StackDeleter;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Map;

/**
 * Deletes the service's stack in the stage's account and streams the events until it is
 * gone. Refuses protected stages; a stack that does not exist is nothing to delete. With several
 * stages ({@code -Dstage=a,b}, a group or {@code all}), every refusal comes before the first deletion.
 */
@Mojo(name = "delete-stack", threadSafe = true)
public class DeleteStackMojo extends AbstractStageMojo {
    /** The stack's name; defaults to {@code <artifactId>-<stage>}. */
    @Parameter(property = "crossdeploy.stackName")
    protected String stackName;

    /** How long to wait for the deletion: an ISO-8601 duration from PT1S to PT24H, e.g. PT30M. */
    @Parameter(property = "crossdeploy.timeout", defaultValue = "PT30M")
    protected String timeout;

    @Override
    protected void run() {
        var wait = StackSettings.timeout(timeout);
        List<Stage> targets = resolveStages();
        StageFanOut fanOut = fanOut();
        AwsSettings settings = awsSettings();
        // Every stage's refusal (a protected stage above all) comes before the first stack is deleted.
        Map<String, DeleteRequest> requests = fanOut.prepare(targets, (target, reporter) -> StackDeleter.refuseProtected(
                new DeleteRequest(target, StackSettings.stackName(stackName, project.getArtifactId(), target.name()), wait)));
        fanOut.run(targets, (target, reporter) -> {
            try (AccountSession session = AccountSession.open(target, settings, sessionName(target), reporter)) {
                return new StackDeleter(session.cloudFormation(), reporter, Timing.real()).delete(requests.get(target.name())) ? 1 : 0;
            }
        });
    }
}
