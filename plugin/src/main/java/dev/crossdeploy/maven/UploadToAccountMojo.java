package dev.crossdeploy.maven;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.upload.UploadOptions;
import dev.crossdeploy.upload.UploadToAccount;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/**
 * Puts the packaged artifact into the stage's artifact bucket (content-addressed, skipped when
 * already there) with the stage's deploy role, and records where in
 * {@code target/crossdeploy/<stage>-upload.json}. It never packages by itself: the pipeline
 * packages once and deploys that same artifact everywhere, so a missing artifact is an error.
 */
@Mojo(name = "upload-to-account", threadSafe = true)
public class UploadToAccountMojo extends AbstractCrossdeployMojo {

    /** Files larger than this many bytes are uploaded in parallel parts. */
    @Parameter(property = "crossdeploy.multipartThreshold", defaultValue = "16777216")
    long multipartThreshold;

    /** Bytes per multipart part (at least 5 MiB). */
    @Parameter(property = "crossdeploy.partSize", defaultValue = "8388608")
    long partSize;

    /** Parts uploaded at once. */
    @Parameter(property = "crossdeploy.uploadThreads", defaultValue = "4")
    int uploadThreads;

    UploadOptions options() {
        if (multipartThreshold < 1) {
            throw new CrossdeployException("crossdeploy.multipartThreshold " + multipartThreshold
                    + " must be a positive number of bytes; the default is 16777216 (16 MiB).");
        }
        if (partSize < UploadOptions.MIN_PART_SIZE) {
            throw new CrossdeployException("crossdeploy.partSize " + partSize + " is below S3's minimum part size;"
                    + " set at least " + UploadOptions.MIN_PART_SIZE + " (5 MiB).");
        }
        if (uploadThreads < 1) {
            throw new CrossdeployException("crossdeploy.uploadThreads " + uploadThreads + " must be at least 1.");
        }
        return new UploadOptions(multipartThreshold, partSize, uploadThreads);
    }

    @Override
    protected void run() {
        Stage target = resolveStage();
        Path build = new File(project.getBuild().getDirectory()).toPath();
        if (target.requireVerifiedIn() != null) {
            ArtifactManifest manifest = ArtifactManifest.read(ArtifactManifest.locationIn(build));
            requireVerified(target, manifest.artifactId(), manifest.sha256());
        }
        UploadToAccount.run(target, awsSettings(), sessionName(target), build, options(), reporter());
    }
}
