package dev.crossdeploy.localcloud.cloudformation.resources.devtools;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::CodePipeline::Pipeline as a record: at least two stages, a role the caller may pass and
 * CodePipeline can assume. Ref is the pipeline name; GetAtt Version counts its updates.
 */
public final class PipelineHandler extends RecordHandler {
    private static final Kind ACTION = Kind.openObject(
            required("ActionTypeId", Kind.object(
                    required("Category", Kind.enumOf("Source", "Build", "Deploy", "Test", "Invoke", "Approval", "Compute")),
                    required("Owner", Kind.enumOf("AWS", "ThirdParty", "Custom")),
                    required("Provider", Kind.string()),
                    required("Version", Kind.string()))),
            optional("Configuration", Kind.any()),
            optional("InputArtifacts", Kind.listOf(Kind.object(required("Name", Kind.string())))),
            required("Name", Kind.string().minLength(1).maxLength(100)),
            optional("OutputArtifacts", Kind.listOf(Kind.openObject(required("Name", Kind.string())))),
            optional("RoleArn", Kind.string()),
            optional("RunOrder", Kind.integer().min(1).max(999)));

    public PipelineHandler() {
        super("AWS::CodePipeline::Pipeline", ApiService.CODEPIPELINE, Schema.of(
                optional("ArtifactStore", Kind.openObject(
                        required("Location", Kind.string()),
                        required("Type", Kind.enumOf("S3")))),
                optional("ArtifactStores", Kind.listOf(Kind.any())),
                optional("DisableInboundStageTransitions", Kind.listOf(Kind.any())),
                optional("ExecutionMode", Kind.enumOf("QUEUED", "SUPERSEDED", "PARALLEL")),
                optional("Name", Kind.string().minLength(1).maxLength(100).pattern("^[A-Za-z0-9.@\\-_]+$")).replaces(),
                optional("PipelineType", Kind.enumOf("V1", "V2")),
                optional("RestartExecutionOnUpdate", Kind.bool()),
                required("RoleArn", Kind.string()),
                required("Stages", Kind.listOf(Kind.openObject(
                        required("Actions", Kind.listOf(ACTION)),
                        required("Name", Kind.string().minLength(1).maxLength(100))))),
                optional("Tags", Common.TAGS),
                optional("Triggers", Kind.listOf(Kind.any())),
                optional("Variables", Kind.listOf(Kind.any()))),
                "Version");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        return nameOrGenerated(ctx, props, "Name", 100);
    }

    @Override
    protected String arn(ResourceContext ctx, String name, Map<String, Object> props) {
        return "arn:aws:codepipeline:" + ctx.region() + ":" + ctx.accountId() + ":" + name;
    }

    @Override protected String createAction() { return "codepipeline:CreatePipeline"; }
    @Override protected String updateAction() { return "codepipeline:UpdatePipeline"; }
    @Override protected String deleteAction() { return "codepipeline:DeletePipeline"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String name, Map<String, Object> props) throws ResourceFailure {
        check(ctx, props);
        return Map.of("version", 1);
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        check(ctx, newProps);
        return Map.of("version", ((Number) current.internal().getOrDefault("version", 1)).intValue() + 1);
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String name, Map<String, Object> props, Map<String, Object> previous) {
        Object version = internal(ctx, name).getOrDefault("version", 1);
        return Map.of("Version", version.toString());
    }

    private static void check(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure {
        int stages = Values.list(props, "Stages").size();
        if (stages < 2) {
            throw HandlerErrors.invalidRequest(ApiService.CODEPIPELINE, "Pipeline has only " + stages
                    + " stage(s). There should be a minimum of 2 stages in a pipeline");
        }
        String roleArn = ServiceRoles.arn(ctx, Values.string(props, "RoleArn"));
        ServiceRoles.requirePass(ctx, ApiService.CODEPIPELINE, roleArn);
        if (!ServiceRoles.trusts(ctx, roleArn, "codepipeline.amazonaws.com")) {
            throw HandlerErrors.invalidRequest(ApiService.CODEPIPELINE,
                    "CodePipeline is not authorized to perform AssumeRole on role " + roleArn);
        }
    }
}
