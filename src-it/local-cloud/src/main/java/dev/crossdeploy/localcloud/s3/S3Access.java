package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.localcloud.http.SigV4Verifier;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.iam.IamStore;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether a request may reach its bucket: the bucket's region against the signature's, the
 * {@code x-amz-expected-bucket-owner} guard, and IAM's decision over the caller's identity
 * policies and the bucket policy with the condition keys S3 supplies. Refusals are S3's 403
 * AccessDenied "Access Denied".
 */
final class S3Access {
    /**
     * Operations on a bucket's policy: the owner account's root user may always perform them (so
     * it cannot lock itself out), other accounts never.
     */
    private static final Set<S3Operation> POLICY_OPERATIONS = EnumSet.of(S3Operation.GetBucketPolicy,
            S3Operation.PutBucketPolicy, S3Operation.DeleteBucketPolicy);

    private final IamStore iam;
    private final CloudConfig config;
    private final S3Store store;

    S3Access(IamStore iam, CloudConfig config, S3Store store) {
        this.iam = iam;
        this.config = config;
        this.store = store;
    }

    /**
     * The bucket a request addresses once it may go on: the bucket exists, the request is signed
     * for its region, names its owner if it names one, and IAM allows the caller. Null for
     * service-level operations, which authorize themselves.
     */
    Bucket admit(CloudRequest request, Principal caller, S3Route route) {
        S3Operation op = route.operation();
        if (op.scope() == S3Operation.Scope.SERVICE) return null;
        if (op.scope() == S3Operation.Scope.OBJECT && route.key().getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new S3Exception(400, "KeyTooLongError", "Your key is too long").detail("Key", route.key());
        }
        Bucket bucket = store.require(route.bucket());
        checkSigningRegion(request, op, bucket);
        checkExpectedOwner(request, bucket);
        boolean ownerAccount = !caller.isAnonymous() && caller.accountId().equals(bucket.ownerAccount());
        if (POLICY_OPERATIONS.contains(op) && caller.isRoot() && ownerAccount) return bucket;
        String resource = op.scope() == S3Operation.Scope.OBJECT ? bucket.arn() + "/" + route.key() : bucket.arn();
        authorize(caller, op.iamAction(), resource, bucket, request);
        if (POLICY_OPERATIONS.contains(op) && !ownerAccount) {
            // Only the owner account manages a bucket's policy, whatever the policy grants.
            throw S3Errors.methodNotAllowed(request.method(), "BUCKET");
        }
        return bucket;
    }

    /**
     * A request signed for another region than the bucket's is refused as S3 refuses it, naming
     * the bucket's region (SDKs without cross-region access surface this to the user).
     * GetBucketLocation signed for us-east-1 is how clients find a bucket's region, so it passes.
     */
    private static void checkSigningRegion(CloudRequest request, S3Operation op, Bucket bucket) {
        SigV4Verifier.Scope scope = SigV4Verifier.scopeOf(request);
        if (scope == null || scope.region().equals(bucket.region())) return;
        if (op == S3Operation.GetBucketLocation && scope.region().equals("us-east-1")) return;
        boolean presigned = request.header("Authorization") == null;
        String wrong = "the region '" + scope.region() + "' is wrong; expecting '" + bucket.region() + "'";
        throw (presigned
                ? new S3Exception(400, "AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential parameter; " + wrong)
                : new S3Exception(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; " + wrong))
                .detail("Region", bucket.region()).header("x-amz-bucket-region", bucket.region());
    }


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
        return iam.evaluator().evaluate(caller, action, resourceArn, bucket.ownerAccount(), bucket.policy(),
                context(request)).allowed();
    }

    /** For requests without a bucket yet (CreateBucket, ListBuckets): the caller's own account decides. */
    void authorizeInOwnAccount(Principal caller, String action, String resourceArn, CloudRequest request) {
        if (caller.isAnonymous()) throw S3Errors.accessDenied();
        if (!iam.evaluator().evaluate(caller, action, resourceArn, caller.accountId(), null, context(request))
                .allowed()) {
            throw S3Errors.accessDenied();
        }
    }

    /** Condition keys S3 sets for a request. */
    Map<String, String> context(CloudRequest request) {
        Map<String, String> ctx = new HashMap<>();
        ctx.put("aws:SecureTransport", Boolean.toString(config.secureTransport()));
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
