package dev.crossdeploy.localcloud.cloudformation.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.dynamodb.DynamoDbCallException;
import dev.crossdeploy.localcloud.dynamodb.DynamoDbModule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * AWS::DynamoDB::Table: billing mode and provisioned throughput as DescribeTable reports them,
 * and time to live as UpdateTimeToLive leaves it.
 */
final class TableReader implements LiveReader {
    @Override
    public String type() { return "AWS::DynamoDB::Table"; }

    @Override
    public Optional<Map<String, Object>> actual(CloudState state, String accountId, String region, String physicalId,
                                                Map<String, Object> expected) {
        DynamoDbModule dynamodb = state.module(DynamoDbModule.class);
        JsonNode table;
        try {
            table = dynamodb.call(accountId, region, "DescribeTable", Map.of("TableName", physicalId)).path("Table");
        } catch (DynamoDbCallException e) {
            if ("ResourceNotFoundException".equals(e.type())) return Optional.empty();
            throw e;
        }
        Map<String, Object> actual = new LinkedHashMap<>(expected);
        String mode = table.path("BillingModeSummary").path("BillingMode").asText("PROVISIONED");
        actual.put("BillingMode", mode);
        JsonNode throughput = table.path("ProvisionedThroughput");
        // An on-demand table reports zero capacity; CloudFormation reads it as no throughput at all.
        if ("PAY_PER_REQUEST".equals(mode)) actual.remove("ProvisionedThroughput");
        else {
            Map<String, Object> capacity = new LinkedHashMap<>();
            capacity.put("ReadCapacityUnits", throughput.path("ReadCapacityUnits").asLong());
            capacity.put("WriteCapacityUnits", throughput.path("WriteCapacityUnits").asLong());
            actual.put("ProvisionedThroughput", capacity);
        }
        // Disabled time to live has no attribute name, as DescribeTimeToLive reports it.
        Map<String, Object> ttl = new LinkedHashMap<>();
        dynamodb.timeToLive(accountId, region, physicalId).ifPresentOrElse(attribute -> {
            ttl.put("AttributeName", attribute);
            ttl.put("Enabled", true);
        }, () -> ttl.put("Enabled", false));
        actual.put("TimeToLiveSpecification", ttl);
        return Optional.of(actual);
    }
}
