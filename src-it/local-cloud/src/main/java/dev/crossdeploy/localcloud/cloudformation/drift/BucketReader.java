package dev.crossdeploy.localcloud.cloudformation.drift;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.s3.Bucket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** AWS::S3::Bucket: its versioning status, as PutBucketVersioning leaves it. */
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
            return actual;
        });
    }
}
