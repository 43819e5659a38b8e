package dev.crossdeploy.maven;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The goals of one build name the same build, so they share each stage's session; another build does not. */
class BuildScopeTest {
    @Test
    void goalsOfOneBuildShareTheirScopeAndAnotherBuildHasItsOwn() {
        Map<Object, Object> thisBuild = new HashMap<>();
        UploadToAccountMojo upload = new UploadToAccountMojo();
        DeployStackMojo deploy = new DeployStackMojo();
        upload.setPluginContext(thisBuild);
        deploy.setPluginContext(thisBuild);
        DeployStackMojo nextBuild = new DeployStackMojo();
        nextBuild.setPluginContext(new HashMap<>());

        String scope = upload.awsSettings().buildScope();
        assertThat(scope).isNotBlank();
        assertThat(deploy.awsSettings().buildScope()).isEqualTo(scope);
        assertThat(nextBuild.awsSettings().buildScope()).isNotBlank().isNotEqualTo(scope);
    }

    @Test
    void withoutAPluginContextNothingIsShared() {
        assertThat(new DeployStackMojo().awsSettings().buildScope()).isNull();
    }
}
