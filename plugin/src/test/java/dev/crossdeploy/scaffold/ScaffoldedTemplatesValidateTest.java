package dev.crossdeploy.scaffold;

import dev.crossdeploy.testing.LocalCloudFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every template init can scaffold passes CloudFormation's ValidateTemplate and asks for CAPABILITY_IAM only. */
class ScaffoldedTemplatesValidateTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void validates(boolean table, boolean api) {
        String body = ServiceFiles.template(ServiceFilesTest.request(Path.of("."), table, api));
        try (var cfn = cloud.root("pipeline").cloudFormation()) {
            var answer = cfn.validateTemplate(r -> r.templateBody(body));
            assertThat(answer.capabilitiesAsStrings()).containsExactly("CAPABILITY_IAM");
            assertThat(answer.parameters()).extracting(p -> p.parameterKey()).containsExactlyInAnyOrder("ArtifactBucket", "ArtifactKey", "Stage");
        }
    }
}
