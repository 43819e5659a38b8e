package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.iam.PolicyDocument;
import dev.crossdeploy.localcloud.xml.Xml;
import org.w3c.dom.Element;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bucket-level operations: create, head, delete, list, location, and the stored settings —
 * policy, versioning, public access block, default encryption.
 */
final class BucketOperations {
    private static final String US_EAST_1 = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private final S3Store store;
    private final S3Access access;
    private final PayloadReceiver bodies;

    BucketOperations(S3Store store, S3Access access, PayloadReceiver bodies) {
        this.store = store;
        this.access = access;
        this.bodies = bodies;
    }

    CloudResponse createBucket(S3Call call) {
        String name = call.route().bucket();
        if (!BucketNames.valid(name)) throw S3Errors.invalidBucketName(name);
        access.authorizeInOwnAccount(call.caller(), "s3:CreateBucket", "arn:aws:s3:::" + name, call.request());
        String region = bucketRegion(call, bodies.small(call.request()));
        Bucket existing = store.bucket(name).orElse(null);
        if (existing != null && existing.ownerAccount().equals(call.caller().accountId())
                && US_EAST_1.equals(existing.region()) && US_EAST_1.equals(region)) {
            // AWS keeps this legacy answer in North Virginia: re-creating your own bucket succeeds.
            return CloudResponse.status(200).header("Location", "/" + name);
        }
        store.createBucket(call.caller().accountId(), region, name);
        return CloudResponse.status(200).header("Location", "/" + name);
    }

    /** The region from CreateBucketConfiguration, checked against the endpoint's region as S3 does. */
    private static String bucketRegion(S3Call call, byte[] body) {
        String requestRegion = call.request().region();
        String constraint = null;
        if (body.length > 0 && !new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            XmlInput xml = XmlInput.parse(body, "CreateBucketConfiguration");
            constraint = xml.text("LocationConstraint");
            if (constraint != null && constraint.isEmpty()) constraint = null;
        }
        if (constraint == null) {
            if (!US_EAST_1.equals(requestRegion)) {
                throw new S3Exception(400, "IllegalLocationConstraintException", "The unspecified location constraint "
                        + "is incompatible for the region specific endpoint this request was sent to.");
            }
            return US_EAST_1;
        }
        if (constraint.equals(US_EAST_1) || !REGION.matcher(constraint).matches()) {
            throw new S3Exception(400, "InvalidLocationConstraint", "The specified location-constraint is not valid")
                    .detail("LocationConstraint", constraint);
        }
        if (!constraint.equals(requestRegion) && !US_EAST_1.equals(requestRegion)) {
            throw new S3Exception(400, "IllegalLocationConstraintException", "The " + constraint
                    + " location constraint is incompatible for the region specific endpoint this request was sent to.");
        }
        return constraint;
    }

    CloudResponse headBucket(S3Call call) {
        return CloudResponse.status(200)
                .header("x-amz-bucket-region", call.bucket().region())
                .header("x-amz-access-point-alias", "false");
    }

    CloudResponse deleteBucket(S3Call call) {
        store.deleteBucket(call.bucket().name());
        return CloudResponse.status(204);
    }

    CloudResponse listBuckets(S3Call call) {
        access.authorizeInOwnAccount(call.caller(), "s3:ListAllMyBuckets", "*", call.request());
        String prefix = call.request().queryParam("prefix");
        String region = call.request().queryParam("bucket-region");
        List<Bucket> buckets = store.buckets(call.caller().accountId()).stream()
                .filter(b -> prefix == null || b.name().startsWith(prefix))
                .filter(b -> region == null || b.region().equals(region)).toList();
        Xml x = S3Xml.document("ListAllMyBucketsResult");
        S3Xml.owner(x, "Owner", call.caller().accountId());
        x.open("Buckets");
        for (Bucket b : buckets) {
            x.open("Bucket").leaf("Name", b.name()).leaf("CreationDate", S3Xml.iso(b.created()))
                    .leaf("BucketRegion", b.region()).close();
        }
        x.close();
        if (prefix != null) x.leaf("Prefix", prefix);
        return S3Xml.ok(x);
    }

    CloudResponse getBucketLocation(S3Call call) {
        String region = call.bucket().region();
        Xml x = new Xml().declaration().open("LocationConstraint", S3Xml.XMLNS);
        if (!US_EAST_1.equals(region)) x.raw(Xml.escape(region));
        return S3Xml.ok(x);
    }

    // ---- policy -------------------------------------------------------------------------------

    CloudResponse putBucketPolicy(S3Call call) {
        Bucket b = call.bucket();
        String json = new String(bodies.small(call.request()), java.nio.charset.StandardCharsets.UTF_8);
        PolicyDocument policy = BucketPolicies.parse(b.name(), json);
        PublicAccessBlock block = b.publicAccessBlock();
        if (block != null && block.blockPublicPolicy() && BucketPolicies.isPublic(policy)) throw S3Errors.accessDenied();
        store.putBucketPolicy(b.name(), json);
        return CloudResponse.status(204);
    }

    CloudResponse getBucketPolicy(S3Call call) {
        PolicyDocument policy = call.bucket().policy();
        if (policy == null) throw S3Errors.noSuchBucketPolicy(call.bucket().name());
        return CloudResponse.status(200).header("Content-Type", "application/json").body(policy.json());
    }

    CloudResponse deleteBucketPolicy(S3Call call) {
        store.deleteBucketPolicy(call.bucket().name());
        return CloudResponse.status(204);
    }

    // ---- versioning ---------------------------------------------------------------------------

    CloudResponse putBucketVersioning(S3Call call) {
        XmlInput xml = XmlInput.parse(bodies.small(call.request()), "VersioningConfiguration");
        String status = xml.text("Status");
        if (status != null) {
            if (!status.equals("Enabled") && !status.equals("Suspended")) throw S3Errors.malformedXml();
            store.setVersioning(call.bucket().name(), status);
        }
        return CloudResponse.status(200);
    }

    CloudResponse getBucketVersioning(S3Call call) {
        Xml x = S3Xml.document("VersioningConfiguration");
        if (call.bucket().versioning() != null) x.leaf("Status", call.bucket().versioning());
        return S3Xml.ok(x);
    }

    // ---- public access block ------------------------------------------------------------------

    CloudResponse putPublicAccessBlock(S3Call call) {
        XmlInput xml = XmlInput.parse(bodies.small(call.request()), "PublicAccessBlockConfiguration");
        Element r = xml.root();
        store.setPublicAccessBlock(call.bucket().name(), XmlInput.bool(r, "BlockPublicAcls"),
                XmlInput.bool(r, "IgnorePublicAcls"), XmlInput.bool(r, "BlockPublicPolicy"),
                XmlInput.bool(r, "RestrictPublicBuckets"));
        return CloudResponse.status(200);
    }

    CloudResponse getPublicAccessBlock(S3Call call) {
        PublicAccessBlock p = call.bucket().publicAccessBlock();
        if (p == null) throw S3Errors.noSuchPublicAccessBlock(call.bucket().name());
        Xml x = S3Xml.document("PublicAccessBlockConfiguration")
                .leaf("BlockPublicAcls", p.blockPublicAcls()).leaf("IgnorePublicAcls", p.ignorePublicAcls())
                .leaf("BlockPublicPolicy", p.blockPublicPolicy()).leaf("RestrictPublicBuckets", p.restrictPublicBuckets());
        return S3Xml.ok(x);
    }

    CloudResponse deletePublicAccessBlock(S3Call call) {
        store.deletePublicAccessBlock(call.bucket().name());
        return CloudResponse.status(204);
    }

    // ---- default encryption -------------------------------------------------------------------

    CloudResponse putBucketEncryption(S3Call call) {
        XmlInput xml = XmlInput.parse(bodies.small(call.request()), "ServerSideEncryptionConfiguration");
        Element rule = XmlInput.child(xml.root(), "Rule");
        Element byDefault = rule == null ? null : XmlInput.child(rule, "ApplyServerSideEncryptionByDefault");
        if (byDefault == null) throw S3Errors.malformedXml();
        String algorithm = XmlInput.text(byDefault, "SSEAlgorithm");
        String keyId = XmlInput.text(byDefault, "KMSMasterKeyID");
        if (algorithm == null || !Encryption.knownAlgorithm(algorithm)) throw S3Errors.malformedXml();
        if (keyId != null && !algorithm.startsWith("aws:kms")) {
            throw S3Errors.invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not "
                    + "aws:kms or aws:kms:dsse", "ApplyServerSideEncryptionByDefault", null);
        }
        store.setDefaultEncryption(call.bucket().name(),
                new Encryption(algorithm, keyId, XmlInput.bool(rule, "BucketKeyEnabled")));
        return CloudResponse.status(200);
    }

    CloudResponse getBucketEncryption(S3Call call) {
        Encryption e = call.bucket().defaultEncryption();
        Xml x = S3Xml.document("ServerSideEncryptionConfiguration").open("Rule")
                .open("ApplyServerSideEncryptionByDefault").leaf("SSEAlgorithm", e.algorithm())
                .leaf("KMSMasterKeyID", e.kmsKeyId()).close()
                .leaf("BucketKeyEnabled", e.bucketKeyEnabled()).close();
        return S3Xml.ok(x);
    }

    CloudResponse deleteBucketEncryption(S3Call call) {
        store.setDefaultEncryption(call.bucket().name(), Encryption.SSE_S3);
        return CloudResponse.status(204);
    }

    // ---- tagging ------------------------------------------------------------------------------

    CloudResponse putBucketTagging(S3Call call) {
        XmlInput xml = XmlInput.parse(bodies.small(call.request()), "Tagging");
        Element set = XmlInput.child(xml.root(), "TagSet");
        if (set == null) throw S3Errors.malformedXml();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Element tag : XmlInput.children(set, "Tag")) {
            String key = XmlInput.text(tag, "Key");
            String value = XmlInput.text(tag, "Value");
            if (key == null || value == null) throw S3Errors.malformedXml();
            if (tags.put(key, value) != null) {
                throw new S3Exception(400, "InvalidTag", "Cannot provide multiple Tags with the same key").detail("TagKey", key);
            }
        }
        store.setBucketTags(call.bucket().name(), tags);
        return CloudResponse.status(204);
    }

    CloudResponse getBucketTagging(S3Call call) {
        Map<String, String> tags = call.bucket().tags();
        if (tags == null) {
            throw new S3Exception(404, "NoSuchTagSet", "The TagSet does not exist").detail("BucketName", call.bucket().name());
        }
        Xml x = S3Xml.document("Tagging").open("TagSet");
        tags.forEach((k, v) -> x.open("Tag").leaf("Key", k).leaf("Value", v).close());
        return S3Xml.ok(x);
    }

    CloudResponse deleteBucketTagging(S3Call call) {
        store.setBucketTags(call.bucket().name(), null);
        return CloudResponse.status(204);
    }
}
