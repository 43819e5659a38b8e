package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;

/**
 * Puts big templates into the stage's artifact bucket under a content-addressed key
 * ({@code <prefix>templates/<sha256>.template}), encrypted like the artifacts, and hands
 * CloudFormation the object's URL. (A small put of the stack engine's own; the artifact upload
 * has its own multipart machinery that templates do not need.)
 */
public final class S3TemplateUploader implements TemplateUploader {
    private final S3Client s3;

    public S3TemplateUploader(S3Client s3) { this.s3 = s3; }

    @Override
    public String upload(Stage stage, Template template) {
        if (stage.artifactBucket() == null || stage.artifactBucket().isBlank()) {
            return TemplateUploader.none().upload(stage, template);
        }
        String key = stage.artifactPrefix() + "templates/" + template.sha256() + ".template";
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(stage.artifactBucket()).key(key).contentType("text/plain; charset=utf-8");
        if (stage.accountId() != null) put.expectedBucketOwner(stage.accountId());
        if (stage.kmsKeyId() != null && !stage.kmsKeyId().isBlank()) {
            put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(stage.kmsKeyId());
        } else {
            put.serverSideEncryption(ServerSideEncryption.AES256);
        }
        s3.putObject(put.build(), RequestBody.fromBytes(template.body().getBytes(StandardCharsets.UTF_8)));
        return s3.utilities().getUrl(b -> b.bucket(stage.artifactBucket()).key(key)).toExternalForm();
    }
}
