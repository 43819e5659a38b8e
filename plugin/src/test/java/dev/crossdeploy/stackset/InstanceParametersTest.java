package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stack.ArtifactRef;
import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the stack set holds once and what each instance overrides. */
class InstanceParametersTest {
    @TempDir
    Path dir;

    Template template() throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Parameters:
                  ArtifactBucket: {Type: String}
                  ArtifactKey: {Type: String}
                  Stage: {Type: String}
                  LogLevel: {Type: String, Default: INFO}
                  Owner: {Type: String}
                Resources:
                  Logs: {Type: AWS::Logs::LogGroup}
                """);
        return Template.load(file);
    }

    static Stage stage(String name, String account, Map<String, String> parameters, String prefix) {
        return new Stage(name, account, "us-east-1", "arn:aws:iam::" + account + ":role/d", "arn:aws:iam::" + account + ":role/e",
                "bucket-" + account, prefix, null, null, parameters, Map.of(), false, List.of(), null);
    }

    static ArtifactRef artifact(Stage stage) {
        return new ArtifactRef(stage.artifactBucket(), stage.artifactPrefix() + "orders/abc.zip", "abc");
    }

    @Test
    void theKeyLivesOnTheStackSetAndTheBucketStageAndStageParametersAreEachInstancesOwn() throws IOException {
        Stage a = stage("a", "111111111111", Map.of("Owner", "team-a", "LogLevel", "DEBUG"), "");
        Stage b = stage("b", "222222222222", Map.of("Owner", "team-b"), "");

        InstanceParameters p = InstanceParameters.plan(template(), List.of(a, b),
                Map.of("a", artifact(a), "b", artifact(b)), ParameterNames.DEFAULTS);

        // Owner has no Default, so the stack set needs a value; every instance overrides it.
        assertThat(p.stackSetValues()).containsExactly(Map.entry("ArtifactBucket", "bucket-111111111111"),
                Map.entry("ArtifactKey", "orders/abc.zip"), Map.entry("Stage", "a"), Map.entry("Owner", "team-a"));
        assertThat(p.overrides("a")).containsOnly(Map.entry("ArtifactBucket", "bucket-111111111111"), Map.entry("Stage", "a"),
                Map.entry("LogLevel", "DEBUG"), Map.entry("Owner", "team-a"));
        // b sets no LogLevel: no override, so it gets the template's Default.
        assertThat(p.overrides("b")).containsOnly(Map.entry("ArtifactBucket", "bucket-222222222222"), Map.entry("Stage", "b"),
                Map.entry("Owner", "team-b"));
        assertThat(p.effective("b")).doesNotContainKey("LogLevel").containsEntry("ArtifactKey", "orders/abc.zip");
    }

    @Test
    void stagesThatWouldNeedTwoArtifactKeysAreRefusedInOneLine() throws IOException {
        Stage a = stage("a", "111111111111", Map.of("Owner", "x"), "");
        Stage b = stage("b", "222222222222", Map.of("Owner", "y"), "builds/");

        assertThatThrownBy(() -> InstanceParameters.plan(template(), List.of(a, b), Map.of("a", artifact(a), "b", artifact(b)),
                ParameterNames.DEFAULTS))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stages a and b need different values of template parameter ArtifactKey (orders/abc.zip,"
                        + " builds/orders/abc.zip), which a stack set holds once for all instances; give the group's stages"
                        + " the same artifactPrefix.");
    }
}
