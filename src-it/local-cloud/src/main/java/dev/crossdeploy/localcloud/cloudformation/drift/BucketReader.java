package dev.crossdeploy.localcloud.cloudformation.drift;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.s3.Bucket;
import dev.crossdeploy.localcloud.s3.Encryption;
import dev.crossdeploy.localcloud.s3.PublicAccessBlock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS::S3::Bucket: versioning, public access block and default encryption, as
 * PutBucketVersioning, PutPublicAccessBlock/DeletePublicAccessBlock and PutBucketEncryption
 * leave them. Within a configuration only the settings the template names are compared.
 */
final class BucketReader implements LiveReader {
    @Override
    public String type() { return "AWS::S3::Bucket"; }

    @Override
    public Optional<Map<String, Object>> actual(CloudState state, String accountId, String region, String physicalId,
                                                Map<String, Object> expected) {
        Optional<Bucket> bucket = state.s3().bucket(physicalId).filter(b -> b.ownerAccount().equals(accountId));
        return bucket.map(b -> {
            Map<String, Object> actual = new LinkedHashMap<>(expected);
            // A bucket never versioned has no configuration; CloudFormation reads it as absent.
            if (b.versioning() == null) actual.remove("VersioningConfiguration");
            else actual.put("VersioningConfiguration", Map.of("Status", b.versioning()));
            PublicAccessBlock block = b.publicAccessBlock();
            if (block == null) actual.remove("PublicAccessBlockConfiguration");
            else actual.put("PublicAccessBlockConfiguration", named(Values.map(expected, "PublicAccessBlockConfiguration"), Map.of(
                    "BlockPublicAcls", block.blockPublicAcls(), "IgnorePublicAcls", block.ignorePublicAcls(),
                    "BlockPublicPolicy", block.blockPublicPolicy(), "RestrictPublicBuckets", block.restrictPublicBuckets())));
            actual.put("BucketEncryption", encryption(b.defaultEncryption(), Values.map(expected, "BucketEncryption")));
            return actual;
        });
    }

    private static Map<String, Object> encryption(Encryption live, Map<String, Object> expected) {
        Encryption e = live == null ? Encryption.SSE_S3 : live;
        List<Map<String, Object>> rules = Values.maps(expected, "ServerSideEncryptionConfiguration");
        Map<String, Object> expectedRule = rules.isEmpty() ? Map.of() : rules.get(0);
        Map<String, Object> byDefault = new LinkedHashMap<>();
        byDefault.put("SSEAlgorithm", e.algorithm());
        byDefault.put("KMSMasterKeyID", e.kmsKeyId());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("ServerSideEncryptionByDefault", named(Values.map(expectedRule, "ServerSideEncryptionByDefault"), byDefault));
        rule.put("BucketKeyEnabled", e.bucketKeyEnabled());
        return Map.of("ServerSideEncryptionConfiguration", List.of(named(expectedRule, rule)));
    }

    /** The live settings the template names (all of them when it names none), in the template's order. */
    private static Map<String, Object> named(Map<String, Object> expected, Map<String, Object> live) {
        if (expected.isEmpty()) return live;
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : expected.keySet()) {
            if (live.containsKey(key) && live.get(key) != null) out.put(key, live.get(key));
        }
        return out;
    }
}
