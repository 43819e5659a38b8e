package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Arns;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;

import java.util.Map;

/**
 * Starts a pipeline ({@code arn:aws:codepipeline:region:account:name}) as EventBridge does: it
 * assumes the target's role (which must trust events.amazonaws.com), and that role must be allowed
 * {@code codepipeline:StartPipelineExecution} on the pipeline.
 */
final class PipelineTarget implements EventTarget {
    private final CloudState state;

    PipelineTarget(CloudState state) { this.state = state; }

    @Override
    public void deliver(Rule rule, Rule.Target target, JsonNode input) throws TargetFailure {
        String pipelineArn = target.arn();
        String[] parts = pipelineArn.split(":", 6);
        if (parts.length < 6) throw new TargetFailure("Target ARN " + pipelineArn + " is not a pipeline ARN");
        String roleArn = target.roleArn() != null ? target.roleArn() : rule.roleArn();
        if (roleArn == null) throw new TargetFailure("A RoleArn is required to start pipeline " + pipelineArn);
        if (!state.iam().trustsService(roleArn, "events.amazonaws.com")) {
            throw new TargetFailure("events.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        Principal session;
        try {
            // Role session names hold at most 64 characters.
            String sessionName = "events-" + rule.name();
            session = state.iam().serviceSession(roleArn, sessionName.substring(0, Math.min(64, sessionName.length())));
        } catch (AwsException e) {
            throw new TargetFailure(e.getMessage());
        }
        String action = "codepipeline:StartPipelineExecution";
        if (!state.iam().evaluator().evaluate(session, action, pipelineArn, Arns.account(pipelineArn), null, Map.of()).allowed()) {
            throw new TargetFailure("User: " + session.arn() + " is not authorized to perform: " + action
                    + " on resource: " + pipelineArn);
        }
        PipelineStarter starter;
        try {
            starter = state.module(PipelineStarter.class);
        } catch (IllegalStateException e) {
            throw new TargetFailure("The local cloud runs no CodePipeline; pipeline " + pipelineArn + " was not started");
        }
        try {
            starter.startPipelineExecution(parts[4], parts[3], parts[5], session);
        } catch (AwsException e) {
            throw new TargetFailure(e.code() + ": " + e.getMessage());
        }
    }
}
