package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.upload.UploadResult;
import dev.crossdeploy.report.OutputsFile;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stack goals as Maven runs them: parameters in, deployment through the stage's deploy role, properties out. */
class StackMojosTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    static final String TEMPLATE = """
            Parameters:
              Stage: {Type: String}
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub 'orders-${Stage}'
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
            Outputs:
              TableName: {Value: !Ref Table}
            """;

    @TempDir
    Path dir;

    MavenProject project;
    DeploymentAccount staging;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void project() throws Exception {
        staging = cloud.seed("staging").withoutBucket().apply();
        project = new MavenProject();
        project.setGroupId("dev.example");
        project.setArtifactId("orders");
        project.setVersion("1.0.0");
        project.setFile(dir.resolve("pom.xml").toFile());
        Path template = dir.resolve("src/main/cloudformation/template.yaml");
        Files.createDirectories(template.getParent());
        Files.writeString(template, TEMPLATE);
    }

    StageParameter stage(String name, boolean protectedStage) {
        StageParameter s = new StageParameter();
        s.setName(name);
        s.setAccountId(staging.accountId());
        s.setRegion(staging.region());
        s.setProtected(String.valueOf(protectedStage));
        return s;
    }

    <M extends AbstractStageMojo> M configure(M mojo, String stageName, boolean protectedStage) {
        mojo.project = project;
        mojo.stage = stageName;
        mojo.stages = List.of(stage(stageName, protectedStage));
        mojo.setLog(new SystemStreamLog() {
            @Override public void info(CharSequence content) { log.add(content.toString()); }
            @Override public void warn(CharSequence content) { log.add(content.toString()); }
            @Override public void error(CharSequence content) { log.add(content.toString()); }
        });
        return mojo;
    }

    DeployStackMojo deployMojo(String stageName, boolean protectedStage) {
        DeployStackMojo mojo = configure(new DeployStackMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        }, stageName, protectedStage);
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.timeout = "PT5M";
        return mojo;
    }

    CloudFormationClient cfn() { return cloud.root("staging").cloudFormation(); }

    @Test
    void deployStackPublishesOutputsAsFileAndProjectProperties() throws Exception {
        deployMojo("staging", false).execute();

        assertThat(project.getProperties().getProperty("crossdeploy.output.TableName")).isEqualTo("orders-staging");
        assertThat(OutputsFile.read(dir.resolve("target/crossdeploy/staging-outputs.json"))).containsEntry("TableName", "orders-staging");
        try (CloudFormationClient cfn = cfn()) {
            assertThat(cfn.describeStacks(b -> b.stackName("orders-staging")).stacks().get(0).roleARN())
                    .isEqualTo(staging.executionRoleArn());
        }
        assertThat(log).contains("Stack orders-staging is CREATE_COMPLETE");
    }

    /** What package and upload-to-account leave in target/crossdeploy for a stage. */
    void recordPackagedAndUploaded(String manifestSha, String uploadedSha) throws Exception {
        Path zip = dir.resolve("target/orders-lambda.zip");
        Files.createDirectories(zip.getParent());
        Files.writeString(zip, "zip bytes");
        Path template = dir.resolve("target/crossdeploy/template.yaml");
        Files.createDirectories(template.getParent());
        Files.writeString(template, TEMPLATE.replace("Parameters:\n", "Parameters:\n  ArtifactBucket: {Type: String}\n  ArtifactKey: {Type: String}\n")
                .replace("Outputs:\n", "Outputs:\n  Code: {Value: !Sub 's3://${ArtifactBucket}/${ArtifactKey}'}\n"));
        new ArtifactManifest(zip, manifestSha, 9, template, "dev.example", "orders", "1.0.0")
                .write(ArtifactManifest.locationIn(dir.resolve("target")));
        new UploadResult("staging", "crossdeploy-artifacts-" + staging.accountId() + "-us-east-1",
                "orders/" + uploadedSha + ".zip", uploadedSha, 9, UploadResult.Status.UPLOADED, null)
                .write(UploadResult.locationIn(dir.resolve("target"), "staging"));
    }

    @Test
    void deployStackPromotesThePackagedAndUploadedArtifact() throws Exception {
        recordPackagedAndUploaded("ab12", "ab12");

        deployMojo("staging", false).execute();

        assertThat(project.getProperties().getProperty("crossdeploy.output.Code"))
                .isEqualTo("s3://crossdeploy-artifacts-" + staging.accountId() + "-us-east-1/orders/ab12.zip");
        try (CloudFormationClient cfn = cfn()) {
            var stack = cfn.describeStacks(b -> b.stackName("orders-staging")).stacks().get(0);
            // The deployed artifact is on record in the ArtifactKey parameter, not in a tag CloudFormation would copy onto every resource.
            assertThat(stack.parameters()).anySatisfy(p -> assertThat(p.parameterKey() + "=" + p.parameterValue())
                    .isEqualTo("ArtifactKey=orders/ab12.zip"));
            assertThat(stack.tags()).extracting(t -> t.key()).doesNotContain("crossdeploy:artifact-sha256");
        }
    }

    @Test
    void anUploadOfAnotherArtifactIsRefused() throws Exception {
        recordPackagedAndUploaded("ab12", "cd34");

        assertThatThrownBy(deployMojo("staging", false)::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("The upload recorded for stage staging is artifact cd34, but the packaged artifact is ab12;"
                        + " run upload-to-account -Dstage=staging again");
    }

    @Test
    void userErrorsBecomeOneLineFailures() {
        DeployStackMojo mojo = deployMojo("staging", false);
        mojo.template = new File("src/main/cloudformation/other.yaml");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Template not found: " + dir.resolve("src/main/cloudformation/other.yaml")
                        + " (set crossdeploy.template or create it)");

        DeployStackMojo badTimeout = deployMojo("staging", false);
        badTimeout.timeout = "30 minutes";
        assertThatThrownBy(badTimeout::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy.timeout '30 minutes' is not an ISO-8601 duration from PT1S to PT24H, such as PT30M or PT1H");
    }

    @Test
    void anExecutionRoleTheDeployRoleMayNotPassIsAOneLineFailure() {
        DeployStackMojo mojo = deployMojo("staging", false);
        StageParameter other = stage("staging", false);
        other.setExecutionRoleArn("arn:aws:iam::" + staging.accountId() + ":role/someone-elses-role");
        mojo.stages = List.of(other);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("CloudFormation refused the change set for stack orders-staging: ValidationError: Role arn:aws:iam::"
                        + staging.accountId() + ":role/someone-elses-role is invalid or cannot be assumed; the stage's"
                        + " CloudFormation execution role must exist in the stage's account and trust"
                        + " cloudformation.amazonaws.com: bootstrap the account (crossdeploy:bootstrap) or fix the stage's"
                        + " executionRoleArn, and run again.");
    }

    @Test
    void skipDoesNothing() throws Exception {
        DeployStackMojo mojo = deployMojo("staging", false);
        mojo.skip = "true";

        mojo.execute();

        assertThat(log).containsExactly("crossdeploy: skipped (crossdeploy.skip=true)");
        assertThat(Files.exists(dir.resolve("target/crossdeploy"))).isFalse();
    }

    @Test
    void outputsGoalReadsTheDeployedStack() throws Exception {
        deployMojo("staging", false).execute();
        project.getProperties().clear();
        Files.delete(dir.resolve("target/crossdeploy/staging-outputs.json"));

        OutputsMojo outputs = configure(new OutputsMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        }, "staging", false);
        outputs.buildDirectory = dir.resolve("target").toFile();
        outputs.execute();

        assertThat(project.getProperties().getProperty("crossdeploy.output.TableName")).isEqualTo("orders-staging");
        assertThat(dir.resolve("target/crossdeploy/staging-outputs.json")).exists();
    }

    @Test
    void deleteStackRemovesTheStackAndRefusesProtectedStages() throws Exception {
        deployMojo("staging", false).execute();

        DeleteStackMojo refused = configure(new DeleteStackMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        }, "staging", true);
        assertThatThrownBy(refused::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Refused: stage staging is protected and crossdeploy does not delete its stacks;"
                        + " delete stack orders-staging by hand if you really mean it");

        AbstractMojo delete = configure(new DeleteStackMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        }, "staging", false);
        delete.execute();

        try (CloudFormationClient cfn = cfn()) {
            assertThatThrownBy(() -> cfn.describeStacks(b -> b.stackName("orders-staging")))
                    .isInstanceOf(CloudFormationException.class).hasMessageContaining("does not exist");
        }
        assertThat(log).contains("Stack orders-staging deleted");
    }
}
