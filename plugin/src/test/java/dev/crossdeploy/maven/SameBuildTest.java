package dev.crossdeploy.maven;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which command lines run deploy-stack after upload-to-account, so that upload leaves the summary to it. */
class SameBuildTest {
    @Test
    void deployStackAfterUploadIsRecognisedInEveryFormMavenAccepts() {
        assertThat(SameBuild.deployStackFollowsUpload(List.of("crossdeploy:upload-to-account", "crossdeploy:deploy-stack"))).isTrue();
        assertThat(SameBuild.deployStackFollowsUpload(List.of("deploy-stack"))).as("the lifecycle phase").isTrue();
        assertThat(SameBuild.deployStackFollowsUpload(List.of("package", "upload-to-account", "crossdeploy:deploy-stack@qa"))).isTrue();
        assertThat(SameBuild.deployStackFollowsUpload(List.of("dev.crossdeploy:crossdeploy-maven-plugin:upload-to-account",
                "dev.crossdeploy:crossdeploy-maven-plugin:1.0:deploy-stack"))).isTrue();
    }

    @Test
    void uploadWithoutALaterDeployKeepsItsOwnSummary() {
        assertThat(SameBuild.deployStackFollowsUpload(List.of("crossdeploy:upload-to-account"))).isFalse();
        assertThat(SameBuild.deployStackFollowsUpload(List.of("upload-to-account"))).isFalse();
        assertThat(SameBuild.deployStackFollowsUpload(List.of("crossdeploy:deploy-stack", "crossdeploy:upload-to-account")))
                .as("deploy before upload").isFalse();
        assertThat(SameBuild.deployStackFollowsUpload(List.of("crossdeploy:upload-to-account", "other:deploy-stack"))).isFalse();
    }
}
