package dev.crossdeploy.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapTemplateTest {

    @Test
    void theCopyForAdministratorsIsIdenticalToTheOneInThePlugin() throws IOException {
        Path published = RepositoryFiles.root().resolve("example-api/pipeline/bootstrap.yaml");
        Path shipped = RepositoryFiles.root().resolve("plugin/src/main/resources/dev/crossdeploy/bootstrap/bootstrap.yaml");
        assertThat(Files.readString(published))
                .as("example-api/pipeline/bootstrap.yaml must be a byte-for-byte copy of the plugin's template")
                .isEqualTo(Files.readString(shipped))
                .isEqualTo(BootstrapTemplate.body());
    }

    @Test
    void passesEveryParameterSoARerunConvergesOnWhatWasAsked() {
        BootstrapRequest request = new BootstrapRequest("111111111111", List.of("pipeline-codebuild", "ops"),
                "ext-id-1", true, List.of("arn:aws:iam::aws:policy/PowerUserAccess"), null);
        Map<String, String> params = BootstrapTemplate.parameterValues(request);
        assertThat(params).containsOnly(
                Map.entry("TrustedAccountId", "111111111111"),
                Map.entry("TrustedRoleNames", "pipeline-codebuild,ops"),
                Map.entry("ExternalId", "ext-id-1"),
                Map.entry("ExecutionPolicyArns", "arn:aws:iam::aws:policy/PowerUserAccess"),
                Map.entry("CreateKmsKey", "true"),
                Map.entry("StackSetAdministratorAccountId", ""));

        Map<String, String> defaults = BootstrapTemplate.parameterValues(
                new BootstrapRequest("111111111111", null, null, false, null, null));
        assertThat(defaults).containsEntry("TrustedRoleNames", "").containsEntry("ExternalId", "")
                .containsEntry("ExecutionPolicyArns", "").containsEntry("CreateKmsKey", "false");
    }
}
