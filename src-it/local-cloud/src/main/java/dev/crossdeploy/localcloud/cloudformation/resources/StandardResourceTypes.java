package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.ApiResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.DeploymentHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.MethodHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.RestApiHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.StageHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.PipelineHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.ProjectHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.RepositoryHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.RuleHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.dynamodb.TableHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.ManagedPolicyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.PolicyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.RoleHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.kms.KeyAliasHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.kms.KeyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionAliasHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.PermissionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.VersionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.logs.LogGroupHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.s3.BucketHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.s3.BucketPolicyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ssm.ParameterHandler;

import java.util.List;

/**
 * The built-in resource handlers. They keep their state in {@link ResourceRecords} (per cloud)
 * and in the cloud's IAM and S3 stores; the cloud's reset clears it through
 * {@code ResourceRecords.of(state).clear()}.
 */
final class StandardResourceTypes {
    private StandardResourceTypes() {}

    static List<ResourceHandler> all() {
        return List.of(
                new RoleHandler(), new PolicyHandler(), new ManagedPolicyHandler(),
                new BucketHandler(), new BucketPolicyHandler(),
                new KeyHandler(), new KeyAliasHandler(),
                new FunctionHandler(), new PermissionHandler(), new VersionHandler(), new FunctionAliasHandler(),
                new RestApiHandler(), new ApiResourceHandler(), new MethodHandler(), new DeploymentHandler(), new StageHandler(),
                new TableHandler(),
                new LogGroupHandler(),
                new ParameterHandler(),
                new RepositoryHandler(), new ProjectHandler(), new PipelineHandler(), new RuleHandler());
    }
}
