package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Puts big templates into the stage's artifact bucket under a content-addressed key
 * ({@code <prefix>templates/<sha256>.template}), encrypted like the artifacts, and hands
 * CloudFormation the object's URL. (A small put of the stack engine's own; the artifact upload
 * has its own multipart machinery that templates do not need.)
 */
public final class S3TemplateUploader implements TemplateUploader {
    private final Supplier<S3Client> s3;

    /** @param s3 called only when a template goes to S3, so a small template never builds an S3 client */
    public S3TemplateUploader(Supplier<S3Client> s3) { this.s3 = s3; }

    public S3TemplateUploader(S3Client s3) { this(() -> s3); }

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
        S3Client client = s3.get();
        client.putObject(put.build(), RequestBody.fromBytes(template.body().getBytes(StandardCharsets.UTF_8)));
        return client.utilities().getUrl(b -> b.bucket(stage.artifactBucket()).key(key)).toExternalForm();
    }
}
