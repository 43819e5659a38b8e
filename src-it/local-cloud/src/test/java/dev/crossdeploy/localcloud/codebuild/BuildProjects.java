package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.support.CloudExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * Test helper: deploys, through CloudFormation, a build role trusting codebuild.amazonaws.com,
 * a log group and two projects: {@code app-build} (CODEPIPELINE source, as the product's
 * pipeline has) and {@code inline} (NO_SOURCE with an inline buildspec, started through the API).
 */
final class BuildProjects {
    static final String PIPELINE = "pipeline";
    static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              BuildRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: app-codebuild
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: codebuild.amazonaws.com}
                        Action: sts:AssumeRole
                  Policies:
                    - PolicyName: logs
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Action: [logs:CreateLogStream, logs:PutLogEvents]
                            Resource: !GetAtt BuildLogs.Arn
              BuildLogs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: /aws/codebuild/app-build
                  RetentionInDays: 7
              AppBuild:
                Type: AWS::CodeBuild::Project
                Properties:
                  Name: app-build
                  ServiceRole: !GetAtt BuildRole.Arn
                  TimeoutInMinutes: 30
                  Source: {Type: CODEPIPELINE, BuildSpec: buildspec.yml}
                  Artifacts: {Type: CODEPIPELINE}
                  Environment:
                    Type: LINUX_CONTAINER
                    ComputeType: BUILD_GENERAL1_SMALL
                    Image: aws/codebuild/amazonlinux2-x86_64-standard:5.0
                    EnvironmentVariables:
                      - {Name: FROM_PROJECT, Type: PLAINTEXT, Value: project}
                      - {Name: SHARED, Type: PLAINTEXT, Value: project}
                  LogsConfig:
                    CloudWatchLogs: {Status: ENABLED, GroupName: !Ref BuildLogs}
              Inline:
                Type: AWS::CodeBuild::Project
                Properties:
                  Name: inline
                  ServiceRole: !GetAtt BuildRole.Arn
                  Source:
                    Type: NO_SOURCE
                    BuildSpec: |
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo "greeting is $GREETING"
                  Artifacts: {Type: NO_ARTIFACTS}
                  Environment:
                    Type: LINUX_CONTAINER
                    ComputeType: BUILD_GENERAL1_SMALL
                    Image: aws/codebuild/amazonlinux2-x86_64-standard:5.0
                    EnvironmentVariables:
                      - {Name: GREETING, Value: hello}
            """;

    private BuildProjects() {}

    /** Deploys the template in the pipeline account and waits for it. */
    static void deploy(CloudExtension cloud) {
        CloudFormationClient cfn = cloud.as(PIPELINE).cloudFormation();
        cfn.createStack(r -> r.stackName("builds").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_NAMED_IAM));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            var stack = cfn.describeStacks(r -> r.stackName("builds")).stacks().get(0);
            if (stack.stackStatus() == StackStatus.CREATE_COMPLETE) return;
            if (!stack.stackStatusAsString().endsWith("_IN_PROGRESS") || Instant.now().isAfter(deadline)) {
                throw new AssertionError("Stack did not deploy: " + stack.stackStatusAsString() + " " + stack.stackStatusReason());
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static CodeBuildModule codeBuild(CloudExtension cloud) {
        return cloud.cloud().state().module(CodeBuildModule.class);
    }

    static String account(CloudExtension cloud) { return cloud.cloud().accountId(PIPELINE); }
}
