package dev.crossdeploy.localcloud.events;

import dev.crossdeploy.localcloud.auth.Principal;

/**
 * How other services start a pipeline (an EventBridge rule's CodePipeline target), as
 * StartPipelineExecution does: the CodePipeline module implements it and is found through
 * {@code state.module(PipelineStarter.class)}. The caller has already been authorised for
 * {@code codepipeline:StartPipelineExecution}.
 */
public interface PipelineStarter {

    /**
     * Starts an execution of the pipeline and returns its execution id.
     *
     * @param startedBy the identity starting it (the rule target's role session)
     * @throws dev.crossdeploy.localcloud.http.AwsException (PipelineNotFoundException) when there is no such pipeline
     */
    String startPipelineExecution(String accountId, String region, String pipelineName, Principal startedBy);
}
