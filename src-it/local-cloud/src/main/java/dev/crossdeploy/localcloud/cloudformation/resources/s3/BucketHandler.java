package dev.crossdeploy.localcloud.cloudformation.resources.s3;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Access;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.s3.Encryption;
import dev.crossdeploy.localcloud.s3.S3Store;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::S3::Bucket as a real bucket in the cloud's S3, owned by the stack's account in the
 * stack's region, with versioning, public-access block and default encryption from its
 * properties. Deleting a bucket that still holds objects fails as S3 refuses it.
 */
public final class BucketHandler extends RecordHandler {
    static final String TYPE = "AWS::S3::Bucket";
    /** Regions whose website endpoints use a dash ("s3-website-us-east-1"), the older form. */
    private static final Set<String> DASH_WEBSITE_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2",
            "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", "us-gov-west-1");

    public BucketHandler() {
        super(TYPE, ApiService.S3, Schema.of(
                optional("AbacStatus", Kind.enumOf("Enabled", "Disabled")),
                optional("AccelerateConfiguration", Kind.any()),
                optional("AccessControl", Kind.string()),
                optional("AnalyticsConfigurations", Kind.listOf(Kind.any())),
                optional("BucketEncryption", Kind.object(
                        required("ServerSideEncryptionConfiguration", Kind.listOf(Kind.object(
                                optional("BucketKeyEnabled", Kind.bool()),
                                optional("BlockedEncryptionTypes", Kind.any()),
                                optional("ServerSideEncryptionByDefault", Kind.object(
                                        required("SSEAlgorithm", Kind.enumOf("aws:kms", "AES256", "aws:kms:dsse")),
                                        optional("KMSMasterKeyID", Kind.string())))))))),
                optional("BucketName", Kind.string().minLength(3).maxLength(63)
                        .pattern("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")).replaces(),
                optional("CorsConfiguration", Kind.any()),
                optional("IntelligentTieringConfigurations", Kind.listOf(Kind.any())),
                optional("InventoryConfigurations", Kind.listOf(Kind.any())),
                optional("LifecycleConfiguration", Kind.any()),
                optional("LoggingConfiguration", Kind.any()),
                optional("MetadataConfiguration", Kind.any()),
                optional("MetadataTableConfiguration", Kind.any()),
                optional("MetricsConfigurations", Kind.listOf(Kind.any())),
                optional("NotificationConfiguration", Kind.any()),
                optional("ObjectLockConfiguration", Kind.any()),
                optional("ObjectLockEnabled", Kind.bool()).replaces(),
                optional("OwnershipControls", Kind.any()),
                optional("PublicAccessBlockConfiguration", Kind.object(
                        optional("BlockPublicAcls", Kind.bool()),
                        optional("BlockPublicPolicy", Kind.bool()),
                        optional("IgnorePublicAcls", Kind.bool()),
                        optional("RestrictPublicBuckets", Kind.bool()))),
                optional("ReplicationConfiguration", Kind.any()),
                optional("Tags", Common.TAGS),
                optional("VersioningConfiguration", Kind.object(
                        required("Status", Kind.enumOf("Enabled", "Suspended")))),
                optional("WebsiteConfiguration", Kind.any())),
                "Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        String name = Values.string(props, "BucketName");
        return name != null ? name : Names.generateLowerCase(ctx, 63);
    }

    @Override
    protected String arn(ResourceContext ctx, String bucket, Map<String, Object> props) { return "arn:aws:s3:::" + bucket; }

    @Override protected String createAction() { return "s3:CreateBucket"; }
    @Override protected String updateAction() { return null; }
    @Override protected String deleteAction() { return "s3:DeleteBucket"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String bucket, Map<String, Object> props) throws ResourceFailure {
        S3Store s3 = ctx.state().s3();
        try {
            s3.createBucket(ctx.accountId(), ctx.region(), bucket);
        } catch (AwsException e) {
            if ("BucketAlreadyOwnedByYou".equals(e.code())) throw HandlerErrors.alreadyExists(TYPE, bucket);
            throw HandlerErrors.from(ApiService.S3, e);
        }
        try {
            applySettings(ctx, bucket, Map.of(), props);
        } catch (ResourceFailure f) {
            s3.deleteBucket(bucket);
            throw f;
        }
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        applySettings(ctx, current.physicalId(), oldProps, newProps);
        return current.internal();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) throws ResourceFailure {
        try {
            ctx.state().s3().deleteBucket(current.physicalId());
        } catch (AwsException e) {
            if (!"NoSuchBucket".equals(e.code())) throw HandlerErrors.from(ApiService.S3, e);
        }
    }

    /** Applies the settings whose properties differ from {@code before} (all of them on create). */
    private void applySettings(ResourceContext ctx, String bucket, Map<String, Object> before, Map<String, Object> after)
            throws ResourceFailure {
        S3Store s3 = ctx.state().s3();
        String arn = "arn:aws:s3:::" + bucket;
        if (Values.changed(before, after, "VersioningConfiguration")) {
            Access.require(ctx, ApiService.S3, "s3:PutBucketVersioning", arn);
            boolean enabled = "Enabled".equals(Values.string(Values.map(after, "VersioningConfiguration"), "Status"));
            // A bucket never versioned stays unversioned; one that was versioned can only be suspended.
            if (enabled || before.containsKey("VersioningConfiguration")) {
                HandlerErrors.run(ApiService.S3, () -> s3.setVersioning(bucket, enabled));
            }
        }
        if (Values.changed(before, after, "PublicAccessBlockConfiguration")) {
            Access.require(ctx, ApiService.S3, "s3:PutBucketPublicAccessBlock", arn);
            Map<String, Object> pab = Values.map(after, "PublicAccessBlockConfiguration");
            if (after.get("PublicAccessBlockConfiguration") == null) {
                HandlerErrors.run(ApiService.S3, () -> s3.deletePublicAccessBlock(bucket));
            } else {
                HandlerErrors.run(ApiService.S3, () -> s3.setPublicAccessBlock(bucket,
                        Values.bool(pab, "BlockPublicAcls", false), Values.bool(pab, "IgnorePublicAcls", false),
                        Values.bool(pab, "BlockPublicPolicy", false), Values.bool(pab, "RestrictPublicBuckets", false)));
            }
        }
        if (Values.changed(before, after, "BucketEncryption")) {
            Access.require(ctx, ApiService.S3, "s3:PutEncryptionConfiguration", arn);
            List<Map<String, Object>> rules = Values.maps(Values.map(after, "BucketEncryption"), "ServerSideEncryptionConfiguration");
            Map<String, Object> byDefault = rules.isEmpty() ? Map.of() : Values.map(rules.get(0), "ServerSideEncryptionByDefault");
            // Without a configuration S3 still encrypts every object with SSE-S3.
            String algorithm = Values.string(byDefault, "SSEAlgorithm", "AES256");
            String keyId = Values.string(byDefault, "KMSMasterKeyID");
            boolean bucketKey = !rules.isEmpty() && Values.bool(rules.get(0), "BucketKeyEnabled", false);
            HandlerErrors.run(ApiService.S3, () -> s3.setDefaultEncryption(bucket, new Encryption(algorithm, keyId, bucketKey)));
        }
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String bucket, Map<String, Object> props, Map<String, Object> previous) {
        String region = ctx.region();
        String website = DASH_WEBSITE_REGIONS.contains(region) ? "s3-website-" + region : "s3-website." + region;
        return Map.of(
                "Arn", "arn:aws:s3:::" + bucket,
                "DomainName", bucket + ".s3.amazonaws.com",
                "DualStackDomainName", bucket + ".s3.dualstack." + region + ".amazonaws.com",
                "RegionalDomainName", bucket + ".s3." + region + ".amazonaws.com",
                "WebsiteURL", "http://" + bucket + "." + website + ".amazonaws.com");
    }
}
