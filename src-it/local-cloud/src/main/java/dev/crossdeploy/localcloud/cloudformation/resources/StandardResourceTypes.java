package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.cloudformation.resources.dynamodb.TableHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.ManagedPolicyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.PolicyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.RoleHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.logs.LogGroupHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.s3.BucketHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.s3.BucketPolicyHandler;

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
                new RoleHandler(),
                new PolicyHandler(),
                new ManagedPolicyHandler(),
                new BucketHandler(),
                new BucketPolicyHandler(),
                new TableHandler(),
                new FunctionHandler(),
                new LogGroupHandler());
    }
}
