package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResolvedParametersTest {
    private static final ArtifactRef ARTIFACT = new ArtifactRef("artifacts-222222222222-us-east-1", "svc/abc.zip", "abc");

    @TempDir
    Path dir;

    private Template template(String parameters) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Parameters:\n" + parameters + "Resources:\n  T: {Type: AWS::S3::Bucket}\n");
        return Template.load(file);
    }

    @Test
    void injectsArtifactAndStageOnlyWhereDeclared() throws Exception {
        Template t = template("  ArtifactKey: {Type: String}\n  Stage: {Type: String}\n  Memory: {Type: Number, Default: 256}\n");

        ResolvedParameters p = ResolvedParameters.resolve(t, Stages.plain("qa", Map.of("Memory", "1024")), ARTIFACT, ParameterNames.DEFAULTS);

        assertThat(p.values()).containsExactly(
                Map.entry("ArtifactKey", "svc/abc.zip"), Map.entry("Stage", "qa"), Map.entry("Memory", "1024"));
    }

    @Test
    void injectedNamesAreConfigurable() throws Exception {
        Template t = template("  CodeBucket: {Type: String}\n  CodeKey: {Type: String}\n  Env: {Type: String}\n");

        ResolvedParameters p = ResolvedParameters.resolve(t, Stages.plain("qa", Map.of()), ARTIFACT,
                new ParameterNames("CodeBucket", "CodeKey", "Env"));

        assertThat(p.values()).containsOnly(Map.entry("CodeBucket", ARTIFACT.bucket()),
                Map.entry("CodeKey", ARTIFACT.key()), Map.entry("Env", "qa"));
    }

    @Test
    void stageParameterTheTemplateDoesNotDeclareIsAnError() throws Exception {
        Template t = template("  Stage: {Type: String}\n");

        assertThatThrownBy(() -> ResolvedParameters.resolve(t, Stages.plain("qa", Map.of("Memroy", "512")), ARTIFACT, ParameterNames.DEFAULTS))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage qa sets parameter Memroy, which template template.yaml does not declare (declared: Stage)");
    }

    @Test
    void requiredParameterWithoutValueIsAnError() throws Exception {
        Template t = template("  DbPassword: {Type: String, NoEcho: true}\n");

        assertThatThrownBy(() -> ResolvedParameters.resolve(t, Stages.plain("qa", Map.of()), ARTIFACT, ParameterNames.DEFAULTS))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Template parameter DbPassword in template.yaml has no Default and no value: set it in stage qa's parameters");
    }

    @Test
    void artifactParameterWithoutArtifactPointsAtTheUpload() throws Exception {
        Template t = template("  ArtifactBucket: {Type: String}\n");

        assertThatThrownBy(() -> ResolvedParameters.resolve(t, Stages.plain("qa", Map.of()), null, ParameterNames.DEFAULTS))
                .hasMessage("Template parameter ArtifactBucket in template.yaml has no Default and no value: there is no uploaded artifact; run upload-to-account first");
    }

    @Test
    void noEchoValuesArePrintableOnlyMasked() throws Exception {
        Template t = template("  DbPassword: {Type: String, NoEcho: true}\n  Stage: {Type: String}\n");

        ResolvedParameters p = ResolvedParameters.resolve(t, Stages.plain("qa", Map.of("DbPassword", "s3cr3t")), ARTIFACT, ParameterNames.DEFAULTS);

        assertThat(p.printable()).containsEntry("DbPassword", "****").containsEntry("Stage", "qa");
        assertThat(p.values()).containsEntry("DbPassword", "s3cr3t");
    }
}
