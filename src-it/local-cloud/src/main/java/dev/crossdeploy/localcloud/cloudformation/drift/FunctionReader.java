package dev.crossdeploy.localcloud.cloudformation.drift;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionHandler;

import java.util.Map;
import java.util.Optional;

/**
 * AWS::Lambda::Function: its live configuration, as UpdateFunctionConfiguration leaves it
 * (MemorySize, Timeout, Environment, Handler, Runtime, Description, TracingConfig, ...).
 */
final class FunctionReader implements LiveReader {
    @Override
    public String type() { return FunctionHandler.TYPE; }

    @Override
    public Optional<Map<String, Object>> actual(CloudState state, String accountId, String region, String physicalId,
                                                Map<String, Object> expected) {
        return ResourceRecords.of(state).get(accountId, region, FunctionHandler.TYPE, physicalId)
                .map(ResourceRecords.Entry::properties);
    }
}
