package dev.crossdeploy.localcloud.cloudformation.resources.s3;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.http.AwsException;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/** AWS::S3::BucketPolicy: sets the bucket's policy in the cloud's S3. Ref is the bucket name. */
public final class BucketPolicyHandler extends RecordHandler {

    public BucketPolicyHandler() {
        super("AWS::S3::BucketPolicy", ApiService.S3, Schema.of(
                required("Bucket", Kind.string()).replaces(),
                required("PolicyDocument", Kind.json())));
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) { return Values.string(props, "Bucket"); }

    @Override
    protected String arn(ResourceContext ctx, String bucket, Map<String, Object> props) { return "arn:aws:s3:::" + bucket; }

    @Override protected String createAction() { return "s3:PutBucketPolicy"; }
    @Override protected String updateAction() { return "s3:PutBucketPolicy"; }
    @Override protected String deleteAction() { return "s3:DeleteBucketPolicy"; }

    /** A second policy for the same bucket replaces the first, as PutBucketPolicy does. */
    @Override protected boolean uniquePhysicalIds() { return false; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String bucket, Map<String, Object> props) throws ResourceFailure {
        put(ctx, bucket, props);
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        put(ctx, current.physicalId(), newProps);
        return current.internal();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) throws ResourceFailure {
        try {
            ctx.state().s3().deleteBucketPolicy(current.physicalId());
        } catch (AwsException e) {
            if (!"NoSuchBucket".equals(e.code()) && !"NoSuchBucketPolicy".equals(e.code())) throw HandlerErrors.from(ApiService.S3, e);
        }
    }

    private static void put(ResourceContext ctx, String bucket, Map<String, Object> props) throws ResourceFailure {
        String owner = ctx.state().s3().ownerAccount(bucket).orElse(null);
        if (owner != null && !owner.equals(ctx.accountId())) {
            // Only the bucket owner's account may set its policy.
            throw HandlerErrors.service(ApiService.S3, 403, "AccessDenied", "Access Denied");
        }
        HandlerErrors.run(ApiService.S3, () -> ctx.state().s3().putBucketPolicy(bucket, Values.json(props.get("PolicyDocument"))));
    }
}
