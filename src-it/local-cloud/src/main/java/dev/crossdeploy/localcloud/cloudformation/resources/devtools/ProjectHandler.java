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
 * AWS::CodeBuild::Project as a record whose service role the caller may pass and CodeBuild can
 * assume. Ref is the project name; GetAtt Arn.
 */
public final class ProjectHandler extends RecordHandler {

    public ProjectHandler() {
        super("AWS::CodeBuild::Project", ApiService.CODEBUILD, Schema.of(
                required("Artifacts", Kind.openObject(
                        required("Type", Kind.enumOf("CODEPIPELINE", "NO_ARTIFACTS", "S3")))),
                optional("AutoRetryLimit", Kind.integer()),
                optional("BadgeEnabled", Kind.bool()),
                optional("BuildBatchConfig", Kind.any()),
                optional("Cache", Kind.any()),
                optional("ConcurrentBuildLimit", Kind.integer()),
                optional("Description", Kind.string().maxLength(255)),
                optional("EncryptionKey", Kind.string()),
                required("Environment", Kind.openObject(
                        required("ComputeType", Kind.string()),
                        optional("EnvironmentVariables", Kind.listOf(Kind.object(
                                required("Name", Kind.string()),
                                optional("Type", Kind.enumOf("PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER")),
                                required("Value", Kind.string())))),
                        required("Image", Kind.string()),
                        optional("PrivilegedMode", Kind.bool()),
                        required("Type", Kind.string()))),
                optional("FileSystemLocations", Kind.listOf(Kind.any())),
                optional("LogsConfig", Kind.any()),
                optional("Name", Kind.string().minLength(2).maxLength(255).pattern("^[A-Za-z0-9][A-Za-z0-9\\-_]{1,254}$")).replaces(),
                optional("QueuedTimeoutInMinutes", Kind.integer().min(5).max(480)),
                optional("ResourceAccessRole", Kind.string()),
                optional("SecondaryArtifacts", Kind.listOf(Kind.any())),
                optional("SecondarySources", Kind.listOf(Kind.any())),
                optional("SecondarySourceVersions", Kind.listOf(Kind.any())),
                required("ServiceRole", Kind.string().minLength(1)),
                required("Source", Kind.openObject(
                        optional("BuildSpec", Kind.string()),
                        optional("Location", Kind.string()),
                        required("Type", Kind.enumOf("BITBUCKET", "CODECOMMIT", "CODEPIPELINE", "GITHUB", "GITHUB_ENTERPRISE",
                                "GITLAB", "GITLAB_SELF_MANAGED", "NO_SOURCE", "S3")))),
                optional("SourceVersion", Kind.string()),
                optional("Tags", Common.TAGS),
                optional("TimeoutInMinutes", Kind.integer().min(5).max(2160)),
                optional("Triggers", Kind.any()),
                optional("Visibility", Kind.enumOf("PUBLIC_READ", "PRIVATE")),
                optional("VpcConfig", Kind.any())),
                "Arn");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        return nameOrGenerated(ctx, props, "Name", 255);
    }

    @Override
    protected String arn(ResourceContext ctx, String name, Map<String, Object> props) {
        return "arn:aws:codebuild:" + ctx.region() + ":" + ctx.accountId() + ":project/" + name;
    }

    @Override protected String createAction() { return "codebuild:CreateProject"; }
    @Override protected String updateAction() { return "codebuild:UpdateProject"; }
    @Override protected String deleteAction() { return "codebuild:DeleteProject"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String name, Map<String, Object> props) throws ResourceFailure {
        checkServiceRole(ctx, props);
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        if (Values.changed(oldProps, newProps, "ServiceRole")) checkServiceRole(ctx, newProps);
        return current.internal();
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String name, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("Arn", arn(ctx, name, props));
    }

    private static void checkServiceRole(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure {
        String roleArn = ServiceRoles.arn(ctx, Values.string(props, "ServiceRole"));
        ServiceRoles.requirePass(ctx, ApiService.CODEBUILD, roleArn);
        if (!ServiceRoles.trusts(ctx, roleArn, "codebuild.amazonaws.com")) {
            throw HandlerErrors.invalidRequest(ApiService.CODEBUILD, "CodeBuild is not authorized to perform: sts:AssumeRole on " + roleArn);
        }
    }
}
