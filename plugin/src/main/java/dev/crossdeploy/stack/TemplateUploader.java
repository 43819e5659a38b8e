package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;

/**
 * Puts a template too big for TemplateBody where CloudFormation can read it, and says where.
 */
@FunctionalInterface
public interface TemplateUploader {
    /** Uploads the template and returns the URL to pass as TemplateURL. */
    String upload(Stage stage, Template template);

    /** For callers that cannot upload: big templates then fail with a one-line message. */
    static TemplateUploader none() {
        return (stage, template) -> {
            throw new dev.crossdeploy.CrossdeployException("Template " + template.path() + " is " + template.sizeBytes()
                    + " bytes, over CloudFormation's " + Template.MAX_BODY_BYTES + "-byte limit for inline templates,"
                    + " and no artifact bucket is available to upload it to");
        };
    }
}
