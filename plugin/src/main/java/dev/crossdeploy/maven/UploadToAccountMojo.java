package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.fanout.EarlierGoal;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.fanout.StageOutcome;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.upload.UploadOptions;
import dev.crossdeploy.upload.UploadResult;
import dev.crossdeploy.upload.UploadToAccount;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Puts the packaged artifact into the stage's artifact bucket (content-addressed, skipped when
 * already there) with the stage's deploy role, and records where in
 * {@code target/crossdeploy/<stage>-upload.json}. It never packages by itself: the pipeline
 * packages once and deploys that same artifact everywhere, so a missing artifact is an error.
 */
@Mojo(name = "upload-to-account", threadSafe = true)
public class UploadToAccountMojo extends AbstractStageMojo {

    /** Files larger than this many bytes are uploaded in parallel parts (1 byte to 5 GiB, S3's largest single PUT). */
    @Parameter(property = "crossdeploy.multipartThreshold", defaultValue = "16777216")
    String multipartThreshold;

    /** Bytes per multipart part (S3: 5 MiB to 5 GiB). */
    @Parameter(property = "crossdeploy.partSize", defaultValue = "5242880")
    String partSize;

    /** Parts uploaded at once (1 to 64). */
    @Parameter(property = "crossdeploy.uploadThreads", defaultValue = "4")
    String uploadThreads;

    /**
     * Large artifacts go up through the SDK's native S3 client (AWS CRT) where its library loads; false
     * keeps them on the Java client.
     */
    @Parameter(property = "crossdeploy.nativeUpload", defaultValue = "true")
    String nativeUpload;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    UploadOptions options() {
        return UploadOptions.parse(multipartThreshold, partSize, uploadThreads, nativeUpload);
    }

    @Override
    protected void run() {
        UploadOptions options = options();
        List<Stage> targets = resolveStages();
        StageFanOut fanOut = fanOut();
        AwsSettings settings = awsSettings();
        Path build = new File(project.getBuild().getDirectory()).toPath();
        // Every stage's verification gate passes before the first upload.
        Map<String, Verified> proofs = fanOut.prepare(targets, (target, reporter) -> {
            if (target.requireVerifiedIn() == null) return null;
            ArtifactManifest manifest = ArtifactManifest.read(ArtifactManifest.locationIn(build));
            return requireVerified(target, manifest.artifactId(), manifest.sha256(), reporter);
        });
        // deploy-stack next in this build: it shows these results in its table, so the run prints one.
        @SuppressWarnings("unchecked")
        Map<Object, Object> context = getPluginContext();
        boolean deployFollows = context != null && SameBuild.deployStackFollowsUpload(goalsOfThisBuild());
        List<StageOutcome> outcomes = (deployFollows ? fanOut.leavingSummaryToLaterGoal() : fanOut).run(targets, (target, reporter) -> {
            UploadResult result = UploadToAccount.run(target, settings, sessionName(target), build, options, reporter,
                    proofs.get(target.name()));
            return result.status() == UploadResult.Status.UPLOADED ? 1 : 0;
        });
        if (deployFollows) context.put(SameBuild.UPLOADS, EarlierGoal.uploads(outcomes));
    }

    /** The goals and phases on Maven's command line. */
    protected List<String> goalsOfThisBuild() {
        return session == null ? List.of() : session.getGoals();
    }
}
