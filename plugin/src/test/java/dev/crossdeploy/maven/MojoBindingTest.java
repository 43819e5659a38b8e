package dev.crossdeploy.maven;

import dev.crossdeploy.stage.Stage;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.testing.MojoRule;
import org.apache.maven.project.MavenProject;
import org.junit.Rule;
import org.junit.Test;

import java.io.File;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maven's own configurator binds a consumer POM's configuration, the goals' defaults and
 * {@code -D} properties into the Mojos (maven-plugin-testing-harness; JUnit 4 through the
 * vintage engine).
 */
public class MojoBindingTest {
    @Rule
    public MojoRule rule = new MojoRule();

    private <T> T configured(String goal, Map<String, String> userProperties) throws Exception {
        return configured("upload", goal, userProperties);
    }

    private <T> T configured(String projectDir, String goal, Map<String, String> userProperties) throws Exception {
        MavenProject project = rule.readMavenProject(new File("target/test-classes/unit/" + projectDir));
        MavenSession session = rule.newMavenSession(project);
        userProperties.forEach(session.getUserProperties()::setProperty);
        @SuppressWarnings("unchecked")
        T mojo = (T) rule.lookupConfiguredMojo(session, rule.newMojoExecution(goal));
        return mojo;
    }

    @Test
    public void bindsPomStagesDefaultsAndTheBareStageProperty() throws Exception {
        UploadToAccountMojo mojo = configured("upload-to-account", Map.of("stage", "qa"));

        assertThat(mojo.stage).isEqualTo("qa");
        assertThat(mojo.skip).isEqualTo("false");
        assertThat(mojo.pathStyleAccess).isEqualTo("false");
        assertThat(mojo.multipartThreshold).isEqualTo("16777216");
        assertThat(mojo.partSize).isEqualTo("5242880");
        assertThat(mojo.uploadThreads).isEqualTo("2");
        Stage qa = mojo.resolveStage();
        assertThat(qa).isEqualTo(new Stage("qa", "333333333333", "eu-west-1",
                "arn:aws:iam::333333333333:role/crossdeploy-deploy", "arn:aws:iam::333333333333:role/crossdeploy-cfn-exec",
                "crossdeploy-artifacts-333333333333-eu-west-1", "", null, "qa-ext", Map.of("LogLevel", "DEBUG"),
                Map.of("team", "payments"), true, List.of("CAPABILITY_IAM"), null));
    }

    @Test
    public void crossdeployPropertiesOverrideTheDefaults() throws Exception {
        UploadToAccountMojo mojo = configured("upload-to-account", Map.of(
                "crossdeploy.skip", "true", "crossdeploy.pathStyleAccess", "true",
                "crossdeploy.multipartThreshold", "1000", "crossdeploy.stagesFile", "stages.yaml"));

        assertThat(mojo.skip).isEqualTo("true");
        assertThat(mojo.pathStyleAccess).isEqualTo("true");
        assertThat(mojo.multipartThreshold).isEqualTo("1000");
        assertThat(mojo.stagesFile).isEqualTo(new File("target/test-classes/unit/upload/stages.yaml").getAbsoluteFile());
    }

    @Test
    public void packageDefaultsComeFromTheBuild() throws Exception {
        PackageMojo mojo = configured("package", "package", Map.of());

        File basedir = new File("target/test-classes/unit/package").getAbsoluteFile();
        assertThat(mojo.classesDirectory).isEqualTo(new File(basedir, "target/classes"));
        assertThat(mojo.lambdaZip).isEqualTo(new File(basedir, "target/orders-api-1.0-lambda.zip"));
        assertThat(mojo.template).isNull();
    }
}
