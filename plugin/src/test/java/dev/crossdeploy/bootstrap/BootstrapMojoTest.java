package dev.crossdeploy.bootstrap;

import dev.crossdeploy.maven.BootstrapMojo;
import dev.crossdeploy.testing.LocalCloudFixture;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The goal as Maven runs it: parameters in, the SDK's default chain for credentials and region, no stage. */
class BootstrapMojoTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @Test
    void aMissingTrustAccountFailsTheBuildWithOneLine() throws Exception {
        BootstrapMojo mojo = new BootstrapMojo();
        set(mojo, "bootstrapStackName", "crossdeploy-bootstrap");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy.trustAccount is required: give the 12-digit id of the pipeline account"
                        + " that will deploy into this account, e.g. -Dcrossdeploy.trustAccount=111111111111.");
    }

    @Test
    void anInvalidTrustAccountFailsTheBuildWithOneLine() throws Exception {
        BootstrapMojo mojo = new BootstrapMojo();
        set(mojo, "trustAccount", "pipeline");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy.trustAccount 'pipeline' is not a 12-digit AWS account id; give the pipeline"
                        + " account's id, e.g. -Dcrossdeploy.trustAccount=111111111111.");
    }

    @Test
    void bootstrapsTheAccountOfTheDefaultCredentialsWithoutAnyStage(@TempDir Path workingDirectory) throws Exception {
        var staging = cloud.cloud().account("staging");
        Map<String, String> props = Map.of(
                "aws.accessKeyId", staging.accessKeyId(),
                "aws.secretAccessKey", staging.secretAccessKey(),
                "aws.region", cloud.region(),
                "aws.endpointUrl", cloud.endpoint().toString());
        BootstrapMojo mojo = new BootstrapMojo();
        set(mojo, "trustAccount", "111111111111");
        set(mojo, "trustRoles", "pipeline-codebuild");
        set(mojo, "externalId", "s3cr3t-ext-id");
        set(mojo, "bootstrapStackName", "crossdeploy-bootstrap");
        set(mojo, "workingDirectory", workingDirectory.toFile());
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        withSystemProperties(props, mojo::execute);

        assertThat(log.text())
                .contains("INFO Bootstrapping account 222222222222 in " + cloud.region() + " with stack crossdeploy-bootstrap:"
                        + " deploy role trusts account 111111111111 roles pipeline-codebuild, with an external id")
                .containsPattern("DeployRoleArn\\s+arn:aws:iam::222222222222:role/crossdeploy-deploy")
                .doesNotContain("s3cr3t-ext-id")
                .doesNotContain("to stage")
                .contains("INFO Outputs written to " + workingDirectory.resolve("bootstrap-outputs.json"));
        // Outside a project the file lands where Maven ran, so it outlives the run.
        assertThat(workingDirectory.resolve("bootstrap-outputs.json")).content()
                .contains("arn:aws:iam::222222222222:role/crossdeploy-deploy");

        try (var cfn = cloud.root("staging").cloudFormation()) {
            var stack = cfn.describeStacks(r -> r.stackName("crossdeploy-bootstrap")).stacks().get(0);
            assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
            assertThat(stack.parameters()).anySatisfy(p -> {
                assertThat(p.parameterKey()).isEqualTo("TrustedRoleNames");
                assertThat(p.parameterValue()).isEqualTo("pipeline-codebuild");
            });
        }
    }

    private interface Action { void run() throws Exception; }

    private static void withSystemProperties(Map<String, String> props, Action action) throws Exception {
        Map<String, String> saved = new HashMap<>();
        props.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
        props.forEach(System::setProperty);
        try {
            action.run();
        } finally {
            saved.forEach((k, v) -> { if (v == null) System.clearProperty(k); else System.setProperty(k, v); });
        }
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(field);
    }
}
