package dev.crossdeploy.maven;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.gate.VerificationGate;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.time.Clock;

/**
 * Records, in the stage's account, that the packaged artifact passed its integration tests
 * there. Run it after the tests against that stage succeeded; a stage whose
 * {@code requireVerifiedIn} names this stage then accepts the artifact.
 */
@Mojo(name = "mark-verified", threadSafe = true)
public class MarkVerifiedMojo extends AbstractStageMojo {
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    @Override
    protected void run() {
        Stage tested = resolveStage();
        ArtifactManifest manifest = ArtifactManifest.read(ArtifactManifest.locationIn(buildDirectory.toPath()));
        try (AccountSession session = AccountSession.open(tested, awsSettings(), sessionName(tested), reporter())) {
            new VerificationGate(reporter(), Clock.systemUTC())
                    .recordPass(session, tested, manifest.artifactId(), manifest.sha256(), System.getenv("CODEBUILD_BUILD_ID"));
        }
    }
}
