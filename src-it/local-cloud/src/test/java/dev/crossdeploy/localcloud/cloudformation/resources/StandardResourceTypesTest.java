package dev.crossdeploy.localcloud.cloudformation.resources;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry the engine uses knows every type templates of this project use. */
class StandardResourceTypesTest {

    @Test
    void theStandardRegistryHoldsEveryType() {
        assertThat(ResourceRegistry.standard().types()).containsExactlyInAnyOrder(
                "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
                "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
                "AWS::KMS::Key", "AWS::KMS::Alias",
                "AWS::Lambda::Function", "AWS::Lambda::Permission", "AWS::Lambda::Version", "AWS::Lambda::Alias",
                "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method",
                "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage",
                "AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::SSM::Parameter",
                "AWS::CodeCommit::Repository", "AWS::CodeBuild::Project", "AWS::CodePipeline::Pipeline", "AWS::Events::Rule");
    }

    @Test
    void attributeNamesAreThoseTemplatesRead() {
        ResourceRegistry registry = ResourceRegistry.standard();

        assertThat(registry.handler("AWS::IAM::Role").orElseThrow().attributeNames()).containsExactly("Arn", "RoleId");
        assertThat(registry.handler("AWS::ApiGateway::RestApi").orElseThrow().attributeNames()).contains("RootResourceId");
        assertThat(registry.handler("AWS::DynamoDB::Table").orElseThrow().attributeNames()).contains("Arn", "StreamArn");
        assertThat(registry.handler("AWS::S3::Bucket").orElseThrow().attributeNames())
                .contains("Arn", "DomainName", "RegionalDomainName");
        assertThat(registry.handler("AWS::Lambda::Version").orElseThrow().attributeNames()).contains("Version");
        assertThat(registry.handler("AWS::KMS::Key").orElseThrow().attributeNames()).contains("Arn", "KeyId");
        assertThat(registry.handler("AWS::ApiGateway::Stage").orElseThrow().attributeNames()).isEmpty();
    }
}
