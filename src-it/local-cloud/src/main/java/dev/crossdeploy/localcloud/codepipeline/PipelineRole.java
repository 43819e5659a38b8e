package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.iam.Decision;

import java.util.Map;

/**
 * The pipeline's service role as CodePipeline assumes it (it must trust codepipeline.amazonaws.com):
 * every call an action makes is decided by IAM for this session, and a refusal fails the action
 * with AWS's text.
 */
final class PipelineRole {
    private final CloudState state;
    private final Principal session;

    private PipelineRole(CloudState state, Principal session) {
        this.state = state;
        this.session = session;
    }

    static PipelineRole assume(CloudState state, String roleArn, String pipelineName) throws ActionFailure {
        if (roleArn == null || !state.iam().trustsService(roleArn, "codepipeline.amazonaws.com")) {
            throw new ActionFailure("CodePipeline is not authorized to perform AssumeRole on role " + roleArn);
        }
        // AWS picks its own session name; one per pipeline is enough to tell the sessions apart here.
        String name = ("codepipeline-" + pipelineName);
        return new PipelineRole(state, state.iam().serviceSession(roleArn, name.substring(0, Math.min(64, name.length()))));
    }

    Principal session() { return session; }

    /** Fails the action unless the role may {@code action} on {@code resourceArn}; {@code call} names the API as AWS's text does. */
    void require(String call, String action, String resourceArn, String resourceAccount) throws ActionFailure {
        Decision d = state.iam().evaluator().evaluate(session, action, resourceArn, resourceAccount, null, Map.of());
        if (d.allowed()) return;
        String why = d == Decision.EXPLICIT_DENY ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + action + " action";
        throw new ActionFailure("Error calling " + call + ": User: " + session.arn() + " is not authorized to perform: "
                + action + " on resource: " + resourceArn + why);
    }
}
