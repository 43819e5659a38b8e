package dev.crossdeploy.localcloud.cloudformation.drift;

import dev.crossdeploy.localcloud.CloudState;

import java.util.Map;
import java.util.Optional;

/**
 * Reads one resource type's live configuration from the service that owns it. A reader overlays
 * the properties it can read on the deployed ones, so properties it cannot read never drift.
 */
public interface LiveReader {
    String type();

    /**
     * The resource's actual properties: {@code expected} with every property this reader can
     * read replaced by (or removed for) its live value; empty when the resource no longer exists.
     */
    Optional<Map<String, Object>> actual(CloudState state, String accountId, String region, String physicalId,
                                         Map<String, Object> expected);
}
