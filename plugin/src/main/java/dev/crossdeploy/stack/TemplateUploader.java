package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;

/**
 * Puts a template too big for TemplateBody where CloudFormation can read it, and says where.
 */
@FunctionalInterface
public interface TemplateUploader {
    /** Uploads the template and returns the URL to pass as TemplateURL. */
    String upload(Stage stage, Template template);

    /**
     * Uses a template already put in S3 (by {@code upload-to-account}) when it is this very
     * template, going by its SHA-256; otherwise asks {@code fallback}.
     */
    static TemplateUploader preUploaded(String sha256, String url, TemplateUploader fallback) {
        return (stage, template) -> sha256 != null && url != null && sha256.equalsIgnoreCase(template.sha256())
                ? url : fallback.upload(stage, template);
    }

    /** For callers that cannot upload: big templates then fail with a one-line message. */
    static TemplateUploader none() {
        return (stage, template) -> {
            throw new dev.crossdeploy.CrossdeployException("Template " + template.path() + " is " + template.sizeBytes()
                    + " bytes, over CloudFormation's " + Template.MAX_BODY_BYTES + "-byte limit for inline templates,"
                    + " and no artifact bucket is available to upload it to");
        };
    }
}
