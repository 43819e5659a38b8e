package dev.crossdeploy.maven;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.gate.VerificationGate;
import dev.crossdeploy.stage.Stage;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.time.Clock;
import java.util.List;

/**
 * Records, in the stage's account, that the packaged artifact passed its integration tests
 * there. Run it after the tests against that stage succeeded; a stage whose
 * {@code requireVerifiedIn} names this stage then accepts the artifact. Takes several stages
 * ({@code -Dstage=a,b}, a group or {@code all}), recording the pass in each one's account.
 */
@Mojo(name = "mark-verified", threadSafe = true)
public class MarkVerifiedMojo extends AbstractStageMojo {
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    @Override
    protected void run() {
        List<Stage> tested = resolveStages();
        StageFanOut fanOut = fanOut();
        AwsSettings settings = awsSettings();
        ArtifactManifest manifest = ArtifactManifest.read(ArtifactManifest.locationIn(buildDirectory.toPath()));
        String buildId = System.getenv("CODEBUILD_BUILD_ID");
        fanOut.run(tested, (stage, reporter) -> {
            try (AccountSession session = AccountSession.open(stage, settings, sessionName(stage), reporter)) {
                new VerificationGate(reporter, Clock.systemUTC())
                        .recordPass(session, stage, manifest.artifactId(), manifest.sha256(), buildId);
                return 1;
            }
        });
    }
}
