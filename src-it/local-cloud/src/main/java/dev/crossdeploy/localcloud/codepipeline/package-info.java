/**
 * CodePipeline: runs the pipelines CloudFormation created ({@code AWS::CodePipeline::Pipeline}
 * records) for real.
 *
 * <p>An execution starts when EventBridge delivers a rule's CodePipeline target (a push to the
 * watched branch of a CodeCommit repository, through {@link dev.crossdeploy.localcloud.events.PipelineStarter})
 * or on StartPipelineExecution. It runs on the module's own threads as a state machine over the
 * stages ({@link dev.crossdeploy.localcloud.codepipeline.ExecutionRunner}): stages in order, the
 * actions of one stage by RunOrder, those sharing a RunOrder in parallel; every call an action
 * makes is decided by IAM for the pipeline's role, assumed as codepipeline.amazonaws.com.
 * Actions: Source/CodeCommit (the branch's head commit zipped into the artifact bucket),
 * Build and Test/CodeBuild (the input artifact as the build's source, the action's
 * EnvironmentVariables as overrides, the build's output zip as the output artifact) and
 * Approval/Manual (waits for PutApprovalResult). A failed action fails the execution; later
 * stages do not run. Execution modes: SUPERSEDED (default; one execution per stage, a newer
 * execution reaching a stage supersedes an older one waiting to enter it), QUEUED (one per
 * stage, in start order) and PARALLEL (no waiting; an approval's token is then its
 * ListActionExecutions externalExecutionId, as in AWS).
 *
 * <p>Driving it from a test or a script (JSON 1.1, {@code X-Amz-Target: CodePipeline_20150709.<Op>},
 * signing name {@code codepipeline}, or {@code aws codepipeline ... --endpoint-url <cloud>}):
 * push to the branch (or StartPipelineExecution); follow GetPipelineState ({@code stageStates[].latestExecution}
 * and {@code actionStates[].latestExecution}: status, summary, externalExecutionId = the build id)
 * or GetPipelineExecution; when the approval's action state shows a {@code token}, answer with
 * PutApprovalResult (Approved or Rejected) and that token; ListActionExecutions shows each
 * action's artifacts in S3; StopPipelineExecution (abandon) stops a run.
 */
package dev.crossdeploy.localcloud.codepipeline;
