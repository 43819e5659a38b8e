package dev.crossdeploy.upload;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;

import java.nio.file.Path;

/**
 * The whole {@code upload-to-account} step: open the stage's account session (refusing the
 * wrong account before any write), upload, and record the result for {@code deploy-stack}.
 * A caller that already holds a session uses {@link ArtifactUploader} directly.
 */
public final class UploadToAccount {
    private UploadToAccount() {}

    /**
     * @param buildDirectory where the manifest is read from and {@code crossdeploy/<stage>-upload.json} written
     * @param proof          for a stage with {@code requireVerifiedIn}, what the verification gate returned for
     *                       this artifact; otherwise null
     */
    public static UploadResult run(Stage stage, AwsSettings settings, String sessionName, Path buildDirectory,
                                   UploadOptions options, Reporter reporter, Verified proof) {
        ArtifactManifest manifest = ArtifactManifest.read(ArtifactManifest.locationIn(buildDirectory));
        Verified.require(stage, manifest.sha256(), proof);
        // The file is read and hashed while the role is assumed; both finish before the first write.
        ArtifactPreflight preflight = ArtifactPreflight.start(manifest);
        if (options.nativeClient() && manifest.size() > options.multipartThreshold()) NativeMultipartPut.preload();
        try (AccountSession session = AccountSession.open(stage, settings, sessionName, reporter)) {
            UploadResult result = new ArtifactUploader(session, options, reporter).upload(manifest, proof, preflight);
            result.write(UploadResult.locationIn(buildDirectory, stage.name()));
            return result;
        }
    }
}
