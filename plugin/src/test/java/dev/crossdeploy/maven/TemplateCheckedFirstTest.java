package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RequestLog;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy-stack reads and checks the template before its first call to CloudFormation or S3. */
class TemplateCheckedFirstTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path dir;

    DeploymentAccount staging;
    Path template;

    @BeforeEach
    void account() throws Exception {
        staging = cloud.seed("staging").apply();
        template = dir.resolve("src/main/cloudformation/template.yaml");
        Files.createDirectories(template.getParent());
        RequestLog.clear();
    }

    DeployStackMojo deploy() {
        DeployStackMojo mojo = new DeployStackMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        };
        mojo.project = MojoTestSupport.project(dir);
        mojo.stage = "staging";
        mojo.stages = List.of(MojoTestSupport.stage("staging", staging.accountId(), staging.region()));
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.timeout = "PT5M";
        mojo.setLog(MojoTestSupport.quiet());
        return mojo;
    }

    void refused(String line) {
        assertThatThrownBy(deploy()::execute).isInstanceOf(MojoFailureException.class).hasMessage(line);
        assertThat(RequestLog.calls("CloudFormation")).isEmpty();
        assertThat(RequestLog.calls("S3")).isEmpty();
    }

    @Test
    void aTemplateThatDoesNotParseNamesLineAndColumn() throws Exception {
        Files.writeString(template, "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {DisplayName: [x}\n");
        refused("Template " + template + " is not valid YAML at line 4, column 33: while parsing a flow sequence,"
                + " expected ',' or ']', but got }; fix it there.");
    }

    @Test
    void aTemplateOverCloudFormationsLimitIsRefusedBeforeItIsUploaded() throws Exception {
        String head = "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n# ";
        Files.writeString(template, head + "x".repeat(2_000_000) + "\n");
        refused("Template " + template + " is " + Files.size(template) + " bytes, over CloudFormation's limit of 1048576"
                + " bytes (1 MB) even for a template read from S3; move large inline code or policies out of it"
                + " or split it into nested stacks.");
    }
}
