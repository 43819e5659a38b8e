package dev.crossdeploy.localcloud.cloudformation.resources.lambda;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.lambda.CodePackages;
import dev.crossdeploy.localcloud.s3.Bucket;
import dev.crossdeploy.localcloud.s3.S3Store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches a function's deployment package from S3 the way Lambda does: with the caller's
 * permissions, from a bucket in the function's own region, failing with Lambda's wording.
 */
final class CodeLocation {
    private CodeLocation() {}

    static Map<String, Object> read(ResourceContext ctx, String bucket, String key, int maxBytes) throws ResourceFailure {
        S3Store s3 = ctx.state().s3();
        Optional<String> owner = s3.ownerAccount(bucket);
        if (owner.isEmpty()) {
            throw getObjectFailed("NoSuchBucket", "The specified bucket does not exist");
        }
        String bucketRegion = s3.region(bucket).orElse(ctx.region());
        if (!bucketRegion.equals(ctx.region())) {
            throw getObjectFailed("PermanentRedirect", "The bucket is in this region: " + bucketRegion
                    + ". Please use this region to retry the request");
        }
        String objectArn = "arn:aws:s3:::" + bucket + "/" + key;
        // Lambda reads the package with the caller's credentials: its identity policies and the
        // bucket policy decide, so another account's bucket works when its policy grants the read.
        Bucket b = s3.bucket(bucket).orElseThrow();
        boolean allowed = ctx.state().iam().evaluator().evaluate(ctx.actingAs(), "s3:GetObject", objectArn,
                b.ownerAccount(), b.policy(), Map.of("aws:SecureTransport", "true")).allowed();
        if (!allowed) {
            throw HandlerErrors.service(ApiService.LAMBDA, 403, "AccessDenied",
                    "Your access has been denied by S3, please make sure your request credentials have permission to GetObject for "
                            + bucket + "/" + key + ". S3 Error Code: AccessDenied. S3 Error Message: Access Denied");
        }
        if (!s3.objectExists(bucket, key)) {
            throw getObjectFailed("NoSuchKey", "The specified key does not exist.");
        }
        Optional<byte[]> zip = s3.readObject(bucket, key, maxBytes);
        byte[] bytes = zip.orElse((bucket + "/" + key).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> digest = FunctionHandler.digest(bytes);
        // Lambda copies the package at deployment: what runs is this object, whatever S3 holds later.
        zip.ifPresent(z -> CodePackages.keep(ctx.state().dataDir(), (String) digest.get("codeSha256"), z));
        return digest;
    }

    private static ResourceFailure getObjectFailed(String code, String message) {
        return HandlerErrors.invalidRequest(ApiService.LAMBDA,
                "Error occurred while GetObject. S3 Error Code: " + code + ". S3 Error Message: " + message);
    }
}
