package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.CloudRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * Who may do what to a bucket: IAM's decision over the caller's identity policies and the
 * bucket policy, with the condition keys S3 supplies, and the {@code x-amz-expected-bucket-owner}
 * guard. Refusals are S3's 403 AccessDenied "Access Denied".
 */
final class S3Access {
    private final CloudState state;

    S3Access(CloudState state) { this.state = state; }

    /** 403 when the request names an expected owner that does not own the bucket. */
    void checkExpectedOwner(CloudRequest request, Bucket bucket) {
        String expected = request.header("x-amz-expected-bucket-owner");
        if (expected != null && !expected.trim().equals(bucket.ownerAccount())) throw S3Errors.accessDenied();
    }

    /** Throws AccessDenied unless {@code caller} may perform {@code action} on {@code resourceArn} in {@code bucket}. */
    void authorize(Principal caller, String action, String resourceArn, Bucket bucket, CloudRequest request) {
        if (!allowed(caller, action, resourceArn, bucket, request)) throw S3Errors.accessDenied();
    }

    boolean allowed(Principal caller, String action, String resourceArn, Bucket bucket, CloudRequest request) {
        return state.iam().evaluator().evaluate(caller, action, resourceArn, bucket.ownerAccount(), bucket.policy(),
                context(request)).allowed();
    }

    /** For requests without a bucket yet (CreateBucket, ListBuckets): the caller's own account decides. */
    void authorizeInOwnAccount(Principal caller, String action, String resourceArn, CloudRequest request) {
        if (caller.isAnonymous()) throw S3Errors.accessDenied();
        if (!state.iam().evaluator().evaluate(caller, action, resourceArn, caller.accountId(), null, context(request))
                .allowed()) {
            throw S3Errors.accessDenied();
        }
    }

    /** Condition keys S3 sets for a request. */
    Map<String, String> context(CloudRequest request) {
        Map<String, String> ctx = new HashMap<>();
        ctx.put("aws:SecureTransport", Boolean.toString(state.config().secureTransport()));
        putIfPresent(ctx, "s3:x-amz-server-side-encryption", request.header("x-amz-server-side-encryption"));
        putIfPresent(ctx, "s3:x-amz-server-side-encryption-aws-kms-key-id",
                request.header("x-amz-server-side-encryption-aws-kms-key-id"));
        putIfPresent(ctx, "s3:x-amz-content-sha256", request.header("x-amz-content-sha256"));
        putIfPresent(ctx, "s3:prefix", request.queryParam("prefix"));
        putIfPresent(ctx, "s3:delimiter", request.queryParam("delimiter"));
        putIfPresent(ctx, "s3:max-keys", request.queryParam("max-keys"));
        return ctx;
    }

    private static void putIfPresent(Map<String, String> ctx, String key, String value) {
        if (value != null) ctx.put(key, value.trim());
    }
}
