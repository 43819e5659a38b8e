package dev.crossdeploy.localcloud.cloudformation.resources;

import java.util.Map;

/**
 * A provisioned resource: its physical id (what {@code Ref} returns) and the attributes
 * {@code Fn::GetAtt} reads (Arn, RootResourceId, StreamArn, ...).
 */
public record ProvisionResult(String physicalId, Map<String, Object> attributes) {
    public ProvisionResult {
        attributes = Map.copyOf(attributes);
    }
}
