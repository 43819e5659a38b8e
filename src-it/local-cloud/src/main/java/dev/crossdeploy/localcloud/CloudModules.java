package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.apigateway.ApiGatewayModule;
import dev.crossdeploy.localcloud.cloudformation.CloudFormationModule;
import dev.crossdeploy.localcloud.codebuild.CodeBuildModule;
import dev.crossdeploy.localcloud.dynamodb.DynamoDbModule;
import dev.crossdeploy.localcloud.codecommit.CodeCommitModule;
import dev.crossdeploy.localcloud.codepipeline.CodePipelineModule;
import dev.crossdeploy.localcloud.events.EventsModule;
import dev.crossdeploy.localcloud.iam.IamService;
import dev.crossdeploy.localcloud.lambda.LambdaModule;
import dev.crossdeploy.localcloud.logs.LogsModule;
import dev.crossdeploy.localcloud.s3.S3Service;
import dev.crossdeploy.localcloud.sts.StsService;

import java.util.List;
import java.util.function.Function;

/**
 * The services this cloud runs, in the order they start (and, reversed, stop). A new service
 * is a package with a {@link CloudModule} and one line here.
 */
final class CloudModules {
    private CloudModules() {}

    static final List<Function<CloudState, CloudModule>> ALL = List.of(
            state -> apis(new StsService(state)),
            state -> apis(new IamService(state)),
            state -> apis(new S3Service(state)),
            LogsModule::new,
            DynamoDbModule::new,
            LambdaModule::new,
            ApiGatewayModule::new,
            EventsModule::new,
            CodeCommitModule::new,
            CodeBuildModule::new,
            CodePipelineModule::new,
            CloudFormationModule::new);

    private static CloudModule apis(dev.crossdeploy.localcloud.http.AwsService service) {
        return new CloudModule() {
            @Override
            public List<dev.crossdeploy.localcloud.http.AwsService> apis() { return List.of(service); }
        };
    }
}
