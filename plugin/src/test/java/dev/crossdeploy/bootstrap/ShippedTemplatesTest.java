package dev.crossdeploy.bootstrap;

import dev.crossdeploy.testing.LocalCloudFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every CloudFormation template the project ships passes ValidateTemplate. */
class ShippedTemplatesTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private static final List<String> TEMPLATE_DIRS = List.of(
            "plugin/src/main/resources", "example-api/src/main/cloudformation", "example-api/pipeline");

    @Test
    void everyShippedTemplateValidates() throws IOException {
        List<Path> templates = templates();
        assertThat(templates).extracting(p -> p.getFileName().toString())
                .contains("bootstrap.yaml", "pipeline.yaml");

        List<String> failures = new ArrayList<>();
        try (var cfn = cloud.root("pipeline").cloudFormation()) {
            for (Path template : templates) {
                String body = Files.readString(template);
                try {
                    cfn.validateTemplate(r -> r.templateBody(body));
                } catch (CloudFormationException e) {
                    failures.add(RepositoryFiles.root().relativize(template) + ": " + e.awsErrorDetails().errorMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void validationIsNotVacuous() {
        String broken = "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
                + "      LogGroupName: !Ref Undeclared\n";
        try (var cfn = cloud.root("pipeline").cloudFormation()) {
            assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody(broken)))
                    .isInstanceOfSatisfying(CloudFormationException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("Undeclared"));
        }
    }

    @Test
    void theBootstrapTemplateAsksForCapabilityNamedIam() {
        try (var cfn = cloud.root("staging").cloudFormation()) {
            var answer = cfn.validateTemplate(r -> r.templateBody(BootstrapTemplate.body()));
            assertThat(answer.capabilitiesAsStrings()).containsExactly("CAPABILITY_NAMED_IAM");
            assertThat(answer.parameters()).extracting(p -> p.parameterKey())
                    .containsExactlyInAnyOrder("TrustedAccountId", "TrustedRoleNames", "ExternalId",
                            "ExecutionPolicyArns", "CreateKmsKey", "StackSetAdministratorAccountId");
            assertThat(answer.parameters()).filteredOn(p -> p.parameterKey().equals("ExternalId"))
                    .singleElement().satisfies(p -> assertThat(p.noEcho()).isTrue());
        }
    }

    /** CloudFormation templates (YAML files with a Resources section) under the shipped template folders. */
    private static List<Path> templates() throws IOException {
        Path root = RepositoryFiles.root();
        List<Path> out = new ArrayList<>();
        for (String dir : TEMPLATE_DIRS) {
            Path base = root.resolve(dir);
            if (!Files.isDirectory(base)) continue;
            try (Stream<Path> files = Files.walk(base)) {
                for (Path p : files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                    if (Files.readString(p).lines().anyMatch(l -> l.startsWith("Resources:"))) out.add(p);
                }
            }
        }
        return out;
    }
}
