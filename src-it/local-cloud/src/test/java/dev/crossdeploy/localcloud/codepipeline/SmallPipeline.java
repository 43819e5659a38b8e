package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.codecommit.CodeCommitUrls;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.GitCli;
import dev.crossdeploy.localcloud.support.Stacks;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test helper: a small pipeline deployed by CloudFormation into the pipeline account, Source
 * (CodeCommit master) → Build (CodeBuild, build.yml) → Approval (Manual) → Deploy (CodeBuild,
 * deploy.yml, STAGE=prod), started by an EventBridge rule on pushes to master; and a git working
 * copy pushing to its repository. Both buildspecs come from the pushed repository.
 */
public final class SmallPipeline {
    public static final String NAME = "small";
    static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Repository:
                Type: AWS::CodeCommit::Repository
                Properties: {RepositoryName: small-app}
              ArtifactBucket:
                Type: AWS::S3::Bucket
              BuildRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: small-codebuild
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Principal: {Service: codebuild.amazonaws.com}, Action: sts:AssumeRole}
                  Policies:
                    - PolicyName: build
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: "*"}
                          - {Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: !Sub "${ArtifactBucket.Arn}/*"}
              BuildProject:
                Type: AWS::CodeBuild::Project
                Properties:
                  Name: small-build
                  ServiceRole: !GetAtt BuildRole.Arn
                  Source: {Type: CODEPIPELINE, BuildSpec: build.yml}
                  Artifacts: {Type: CODEPIPELINE}
                  Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0"}
                  LogsConfig: {CloudWatchLogs: {Status: ENABLED, GroupName: /aws/codebuild/small-build}}
              DeployProject:
                Type: AWS::CodeBuild::Project
                Properties:
                  Name: small-deploy
                  ServiceRole: !GetAtt BuildRole.Arn
                  Source: {Type: CODEPIPELINE, BuildSpec: deploy.yml}
                  Artifacts: {Type: CODEPIPELINE}
                  Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0"}
                  LogsConfig: {CloudWatchLogs: {Status: ENABLED, GroupName: /aws/codebuild/small-deploy}}
              PipelineRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: small-codepipeline
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}
                  Policies:
                    - PolicyName: pipeline
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Effect: Allow, Action: [codecommit:GetBranch, codecommit:GetCommit, codecommit:UploadArchive], Resource: !GetAtt Repository.Arn}
                          - {Effect: Allow, Action: [codebuild:StartBuild, codebuild:BatchGetBuilds], Resource: [!GetAtt BuildProject.Arn, !GetAtt DeployProject.Arn]}
                          - {Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: !Sub "${ArtifactBucket.Arn}/*"}
              Pipeline:
                Type: AWS::CodePipeline::Pipeline
                Properties:
                  Name: small
                  RoleArn: !GetAtt PipelineRole.Arn
                  ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
                  Stages:
                    - Name: Source
                      Actions:
                        - Name: Source
                          ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: "1"}
                          Configuration: {RepositoryName: !GetAtt Repository.Name, BranchName: master, PollForSourceChanges: false}
                          OutputArtifacts: [{Name: SourceArtifact}]
                    - Name: Build
                      Actions:
                        - Name: Build
                          ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1"}
                          Configuration:
                            ProjectName: !Ref BuildProject
                            EnvironmentVariables: '[{"name":"FLAVOUR","value":"vanilla","type":"PLAINTEXT"}]'
                          InputArtifacts: [{Name: SourceArtifact}]
                          OutputArtifacts: [{Name: BuildArtifact}]
                    - Name: Approval
                      Actions:
                        - Name: Approve
                          ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: "1"}
                          Configuration: {CustomData: Ship it}
                    - Name: Deploy
                      Actions:
                        - Name: Deploy
                          ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1"}
                          Configuration:
                            ProjectName: !Ref DeployProject
                            EnvironmentVariables: '[{"name":"STAGE","value":"prod","type":"PLAINTEXT"}]'
                          InputArtifacts: [{Name: BuildArtifact}]
              TriggerRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: small-trigger
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Principal: {Service: events.amazonaws.com}, Action: sts:AssumeRole}
                  Policies:
                    - PolicyName: start
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Effect: Allow, Action: codepipeline:StartPipelineExecution, Resource: !Sub "arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}"}
              Trigger:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.codecommit]
                    detail-type: [CodeCommit Repository State Change]
                    resources: [!GetAtt Repository.Arn]
                    detail: {event: [referenceCreated, referenceUpdated], referenceType: [branch], referenceFullName: [refs/heads/master]}
                  Targets:
                    - Id: pipeline
                      Arn: !Sub "arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}"
                      RoleArn: !GetAtt TriggerRole.Arn
            Outputs:
              CloneUrl: {Value: !GetAtt Repository.CloneUrlHttp}
              Bucket: {Value: !Ref ArtifactBucket}
            """;

    /** Builds: writes built.txt from the action's variable and prints the environment (to prove no secret is logged). */
    public static final String BUILD_YML = """
            version: 0.2
            phases:
              build:
                commands:
                  - echo "building $FLAVOUR for $CODEBUILD_INITIATOR"
                  - echo "built $FLAVOUR" > built.txt
                  - env | sort
            artifacts:
              files:
                - '**/*'
            """;

    /** Deploys: requires the build's output file in its input. */
    static final String DEPLOY_YML = """
            version: 0.2
            phases:
              build:
                commands:
                  - test -f built.txt
                  - echo "deploying $(cat built.txt) to $STAGE"
            """;

    private final CloudExtension cloud;
    private final Path work;
    private final GitCli git;
    private String url;
    private Stack stack;

    public SmallPipeline(CloudExtension cloud, Path dir) throws IOException {
        this.cloud = cloud;
        this.work = dir.resolve("work");
        var a = cloud.cloud().account("pipeline");
        this.git = new GitCli(dir.resolve("home"), Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey()));
    }

    public SmallPipeline deploy() throws IOException, InterruptedException {
        return deploy(TEMPLATE);
    }

    /** Deploys with the pipeline in this execution mode (V2, as AWS requires for QUEUED and PARALLEL). */
    SmallPipeline deployInMode(String executionMode) throws IOException, InterruptedException {
        String name = "      Name: small\n";
        return deploy(TEMPLATE.replace(name, name + "      PipelineType: V2\n      ExecutionMode: " + executionMode + "\n"));
    }

    private SmallPipeline deploy(String template) throws IOException, InterruptedException {
        stack = Stacks.create(cloud.as("pipeline").cloudFormation(), "small-pipeline", template);
        url = CodeCommitUrls.local(Stacks.output(stack, "CloneUrl"), cloud.cloud().endpoint());
        Files.createDirectories(work);
        git.ok(work, "init", "-q", "-b", "master");
        return this;
    }

    String bucket() { return Stacks.output(stack, "Bucket"); }

    /** Commits these buildspecs and pushes to {@code branch}; returns the commit id. */
    public String push(String branch, String buildYml, String message) throws IOException, InterruptedException {
        Files.writeString(work.resolve("build.yml"), buildYml);
        Files.writeString(work.resolve("deploy.yml"), DEPLOY_YML);
        Files.writeString(work.resolve("message.txt"), message);
        git.ok(work, "add", ".");
        git.ok(work, "commit", "-qm", message);
        git.ok(work, "push", "-q", url, "HEAD:" + branch);
        return git.ok(work, "rev-parse", "HEAD").strip();
    }
}
