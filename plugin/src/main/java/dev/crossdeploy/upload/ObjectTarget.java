package dev.crossdeploy.upload;

import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * One object in a stage's artifact bucket and the headers every write to it carries: the
 * expected bucket owner (so a bucket name squatted in another account is never written) and
 * server-side encryption (the stage's KMS key, else AES256).
 */
record ObjectTarget(Stage stage, String key) {

    String bucket() { return stage.artifactBucket(); }

    String owner() { return stage.accountId(); }

    String uri() { return "s3://" + bucket() + "/" + key; }

    PutObjectRequest.Builder put() {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket()).key(key).expectedBucketOwner(owner());
        if (stage.kmsKeyId() != null) {
            b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(stage.kmsKeyId());
        } else {
            b.serverSideEncryption(ServerSideEncryption.AES256);
        }
        return b;
    }

    CreateMultipartUploadRequest.Builder createMultipart() {
        CreateMultipartUploadRequest.Builder b = CreateMultipartUploadRequest.builder()
                .bucket(bucket()).key(key).expectedBucketOwner(owner());
        if (stage.kmsKeyId() != null) {
            b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(stage.kmsKeyId());
        } else {
            b.serverSideEncryption(ServerSideEncryption.AES256);
        }
        return b;
    }
}
