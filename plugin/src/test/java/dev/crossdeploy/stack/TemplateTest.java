package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {
    @TempDir
    Path dir;

    private Template write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return Template.load(file);
    }

    @Test
    void readsParametersAndResourcesThroughShortFormTags() throws Exception {
        Template t = write("template.yaml", """
                AWSTemplateFormatVersion: '2010-09-09'
                Parameters:
                  Stage: {Type: String}
                  DbPassword: {Type: String, NoEcho: true}
                  Memory: {Type: Number, Default: 512}
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub 'orders-${Stage}'
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Role: !GetAtt Role.Arn
                      Environment: {Variables: {TABLE: !Ref Table}}
                """);

        assertThat(t.parameters()).containsOnlyKeys("Stage", "DbPassword", "Memory");
        assertThat(t.parameters().get("DbPassword").noEcho()).isTrue();
        assertThat(t.parameters().get("Memory").hasDefault()).isTrue();
        assertThat(t.parameters().get("Stage").hasDefault()).isFalse();
        assertThat(t.resourceTypes()).containsExactly(
                Map.entry("Table", "AWS::DynamoDB::Table"), Map.entry("Fn", "AWS::Lambda::Function"));
        assertThat(t.needsUpload()).isFalse();
    }

    @Test
    void readsJsonTemplates() throws Exception {
        Template t = write("template.json", """
                {"Parameters": {"Secret": {"Type": "String", "NoEcho": "true"}},
                 "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}
                """);

        assertThat(t.parameters().get("Secret").noEcho()).isTrue();
        assertThat(t.resourceTypes()).containsEntry("Bucket", "AWS::S3::Bucket");
    }

    @Test
    void missingTemplateNamesThePath() {
        Path missing = dir.resolve("src/main/cloudformation/template.yaml");

        assertThatThrownBy(() -> Template.load(missing))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Template not found: " + missing + " (set crossdeploy.template or create it)");
    }

    @Test
    void unreadableYamlSaysWhereInOneLine() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "Resources:\n  A: [unclosed\n");

        assertThatThrownBy(() -> Template.load(file))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Template " + file + " is not valid YAML at line 3, column 1: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unreadableJsonSaysLineAndColumn() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"Resources\": {\n  \"A\": {\"Type\": \"AWS::SNS::Topic\",}\n}}\n");

        assertThatThrownBy(() -> Template.load(file))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Template " + file + " is not valid JSON at line 2, column 35: ")
                .hasMessageEndingWith("; fix it there.")
                .hasMessageNotContaining("\n");
    }

    @Test
    void templateWithoutResourcesIsRefused() throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "Parameters: {}\n");

        assertThatThrownBy(() -> Template.load(file))
                .hasMessage("Template " + file + " declares no Resources; a CloudFormation template needs at least one");
    }

    @Test
    void templatesOverTheInlineLimitNeedUpload() throws Exception {
        String padding = "#" + "x".repeat(Template.MAX_BODY_BYTES) + "\n";
        Template t = write("big.yaml", padding + "Resources:\n  B: {Type: AWS::S3::Bucket}\n");

        assertThat(t.sizeBytes()).isGreaterThan(Template.MAX_BODY_BYTES);
        assertThat(t.needsUpload()).isTrue();
    }

    @Test
    void capabilitiesFollowTheTemplate() throws Exception {
        Template plain = write("a.yaml", "Resources:\n  T: {Type: AWS::DynamoDB::Table}\n");
        Template iam = write("b.yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {Path: /}}\n");
        Template named = write("c.yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {RoleName: fixed}}\n");
        Template sam = write("d.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F: {Type: AWS::Serverless::Function}\n");
        Template macro = write("e.yaml", "Resources:\n  T:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::Transform: {Name: Upper}\n");

        var stage = Stages.plain("staging", Map.of());
        assertThat(CapabilityRules.capabilities(plain, stage)).isEmpty();
        assertThat(CapabilityRules.capabilities(iam, stage)).containsExactly("CAPABILITY_IAM");
        assertThat(CapabilityRules.capabilities(named, stage)).containsExactly("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM");
        assertThat(CapabilityRules.capabilities(sam, stage)).containsExactly("CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND");
        assertThat(CapabilityRules.capabilities(macro, stage)).containsExactly("CAPABILITY_AUTO_EXPAND");
    }

    @Test
    void aStageThatListsCapabilitiesGetsExactlyThose() throws Exception {
        Template named = write("c.yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {RoleName: fixed}}\n");

        assertThat(CapabilityRules.capabilities(named, Stages.withCapabilities("prod", List.of("CAPABILITY_IAM"))))
                .containsExactly("CAPABILITY_IAM");
    }
}
