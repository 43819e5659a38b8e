package dev.crossdeploy.localcloud.cloudformation.resources;

import java.util.Map;
import java.util.Optional;

/**
 * The property that gives each resource type its custom (physical) name, as CloudFormation's
 * resource schemas declare it. A resource whose template sets that property cannot be replaced
 * under the same name; types without such a property (Lambda versions and permissions, API
 * Gateway parts, policies) are replaced freely.
 */
public final class CustomNames {
    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::CodeBuild::Project", "Name"),
            Map.entry("AWS::CodeCommit::Repository", "RepositoryName"),
            Map.entry("AWS::CodePipeline::Pipeline", "Name"),
            Map.entry("AWS::DynamoDB::Table", "TableName"),
            Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::IAM::Group", "GroupName"),
            Map.entry("AWS::IAM::InstanceProfile", "InstanceProfileName"),
            Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::IAM::User", "UserName"),
            Map.entry("AWS::KMS::Alias", "AliasName"),
            Map.entry("AWS::Lambda::Alias", "Name"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::SSM::Parameter", "Name"));

    private CustomNames() {}

    /** The type's name property, empty for types CloudFormation always names itself. */
    public static Optional<String> propertyOf(String type) {
        return Optional.ofNullable(NAME_PROPERTY.get(type));
    }
}
