package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.cloudformation.CloudFormationModule;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.events.PipelineStarter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The standard services are found through META-INF/services and start in its order. */
class CloudModuleProviderTest {

    @Test
    void theStandardServicesStartInTheServicesFileOrderWithCloudFormationLast() {
        assertThat(CloudModuleProvider.standard()).extracting(p -> p.getClass().getSimpleName()).containsExactly(
                "StsModuleProvider", "CloudStateApis", "LogsModuleProvider", "DynamoDbModuleProvider",
                "LambdaModuleProvider", "ApiGatewayModuleProvider", "EventsModuleProvider",
                "CodeCommitModuleProvider", "CodeBuildModuleProvider", "CodePipelineModuleProvider", "KmsModuleProvider",
                "CloudFormationModuleProvider");
    }

    @Test
    void aRunningCloudServesEveryStandardApiAndAModuleATestAddsTakesOverLookups() {
        StandInStarter recorder = new StandInStarter();
        try (LocalCloud cloud = LocalCloud.builder().port(0).module(state -> recorder).start()) {
            assertThat(cloud.state().modules()).hasSize(CloudModuleProvider.standard().size() + 1);
            assertThat(cloud.state().modules().get(cloud.state().modules().size() - 2)).isInstanceOf(CloudFormationModule.class);
            assertThat(cloud.state().modules().stream().flatMap(m -> m.apis().stream()).map(api -> api.signingName()))
                    .contains("sts", "iam", "s3", "logs", "dynamodb", "lambda", "events",
                            "codecommit", "codebuild", "codepipeline", "cloudformation");
            assertThat(cloud.state().module(PipelineStarter.class)).isSameAs(recorder);
        }
    }

    /** A test's stand-in for CodePipeline's start hook. */
    private static final class StandInStarter implements CloudModule, PipelineStarter {
        @Override
        public String startPipelineExecution(String accountId, String region, String pipelineName, Principal startedBy) {
            return "stand-in";
        }
    }
}
