package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.stack.ArtifactRef;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code package} and {@code upload-to-account} recorded in the build directory: the
 * artifact as uploaded to one stage, the packaged template, and where a big template went.
 * Deploying from these records instead of a rebuild is what promotes one artifact from stage
 * to stage. A project without a packaged artifact deploys its template alone.
 *
 * @param artifact       the uploaded artifact, or null without a package
 * @param template       the packaged template, or null
 * @param templateSha256 hash of the template upload-to-account put in S3, or null
 * @param templateUrl    its TemplateURL, or null
 */
public record Promotion(ArtifactRef artifact, Path template, String templateSha256, String templateUrl) {

    /**
     * @throws CrossdeployException when there is a package but no upload for the stage, or the upload is of another artifact
     */
    public static Promotion read(Path buildDirectory, Stage stage) {
        Path manifestFile = ArtifactManifest.locationIn(buildDirectory);
        if (!Files.isRegularFile(manifestFile)) return new Promotion(null, null, null, null);
        ArtifactManifest manifest = ArtifactManifest.read(manifestFile);
        UploadResult upload = UploadResult.read(UploadResult.locationIn(buildDirectory, stage.name()));
        if (!manifest.sha256().equalsIgnoreCase(upload.sha256())) {
            throw new CrossdeployException("The upload recorded for stage " + stage.name() + " is artifact " + upload.sha256()
                    + ", but the packaged artifact is " + manifest.sha256() + "; run upload-to-account -Dstage=" + stage.name() + " again");
        }
        UploadResult.TemplateObject t = upload.template();
        return new Promotion(new ArtifactRef(upload.bucket(), upload.key(), upload.sha256()), manifest.template(),
                t == null ? null : t.sha256(), t == null ? null : t.url());
    }

    /** Uses the pre-uploaded template when it is the one deployed, else {@code fallback}. */
    public TemplateUploader uploader(TemplateUploader fallback) {
        return TemplateUploader.preUploaded(templateSha256, templateUrl, fallback);
    }
}
