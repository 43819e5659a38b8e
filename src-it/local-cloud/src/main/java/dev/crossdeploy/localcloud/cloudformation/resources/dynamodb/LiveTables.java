package dev.crossdeploy.localcloud.cloudformation.resources.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.dynamodb.DynaliteUnavailableException;
import dev.crossdeploy.localcloud.dynamodb.DynamoDbCallException;
import dev.crossdeploy.localcloud.dynamodb.DynamoDbModule;
import dev.crossdeploy.localcloud.http.AwsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The real tables behind AWS::DynamoDB::Table: CreateTable, UpdateTable and DeleteTable in the
 * stack account's DynamoDB, each waited on until the table is ACTIVE (or gone), as
 * CloudFormation waits; time to live is set in the cloud's DynamoDB, which keeps it for dynalite.
 * dynalite has no streams, tags, table classes or online index changes; those stay in the
 * resource's record only.
 */
final class LiveTables {
    private static final Duration SETTLE_BOUND = Duration.ofSeconds(30);
    private final DynamoDbModule dynamodb;
    private final String account;
    private final String region;

    private LiveTables(DynamoDbModule dynamodb, String account, String region) {
        this.dynamodb = dynamodb;
        this.account = account;
        this.region = region;
    }

    /**
     * The stack account's tables, or empty in a cloud state without DynamoDB (resource handlers
     * called on their own, as their unit tests do), where tables are records only.
     */
    static Optional<LiveTables> of(ResourceContext ctx) {
        return ctx.state().modules().stream()
                .filter(DynamoDbModule.class::isInstance).map(DynamoDbModule.class::cast).findFirst()
                .map(m -> new LiveTables(m, ctx.accountId(), ctx.region()));
    }

    void create(String table, Map<String, Object> props) throws ResourceFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        request.put("KeySchema", keySchema(Values.maps(props, "KeySchema")));
        List<Map<String, Object>> definitions = new ArrayList<>();
        for (Map<String, Object> d : Values.maps(props, "AttributeDefinitions")) {
            definitions.add(Map.of("AttributeName", Values.string(d, "AttributeName"),
                    "AttributeType", Values.string(d, "AttributeType")));
        }
        request.put("AttributeDefinitions", definitions);
        request.put("BillingMode", billingMode(props));
        throughput(props).ifPresent(t -> request.put("ProvisionedThroughput", t));
        List<Map<String, Object>> globals = new ArrayList<>();
        for (Map<String, Object> i : Values.maps(props, "GlobalSecondaryIndexes")) {
            Map<String, Object> index = index(i);
            throughput(i).ifPresent(t -> index.put("ProvisionedThroughput", t));
            globals.add(index);
        }
        if (!globals.isEmpty()) request.put("GlobalSecondaryIndexes", globals);
        List<Map<String, Object>> locals = new ArrayList<>();
        for (Map<String, Object> i : Values.maps(props, "LocalSecondaryIndexes")) locals.add(index(i));
        if (!locals.isEmpty()) request.put("LocalSecondaryIndexes", locals);
        try {
            call("CreateTable", request);
        } catch (DynamoDbCallException e) {
            if (e.type().equals("ResourceInUseException")) throw HandlerErrors.alreadyExists(TableHandler.TYPE, table);
            throw failure(e);
        }
        awaitActive(table);
        dynamodb.setTimeToLive(account, region, table, timeToLiveAttribute(props));
    }

    /**
     * What DynamoDB changes in place: the billing mode and provisioned throughput of the table
     * and its global secondary indexes.
     */
    void update(String table, Map<String, Object> before, Map<String, Object> after) throws ResourceFailure {
        if (!Objects.equals(timeToLiveAttribute(before), timeToLiveAttribute(after))) {
            dynamodb.setTimeToLive(account, region, table, timeToLiveAttribute(after));
        }
        String mode = billingMode(after);
        boolean modeChanged = !mode.equals(billingMode(before));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        if (modeChanged) request.put("BillingMode", mode);
        if (mode.equals("PROVISIONED")) {
            Optional<Map<String, Object>> throughput = throughput(after);
            if (throughput.isPresent() && (modeChanged || !throughput.equals(throughput(before)))) {
                request.put("ProvisionedThroughput", throughput.get());
            }
            List<Map<String, Object>> indexUpdates = new ArrayList<>();
            Map<String, Map<String, Object>> old = byName(Values.maps(before, "GlobalSecondaryIndexes"));
            for (Map<String, Object> i : Values.maps(after, "GlobalSecondaryIndexes")) {
                String name = Values.string(i, "IndexName");
                Optional<Map<String, Object>> t = throughput(i);
                Map<String, Object> was = old.get(name);
                if (t.isPresent() && was != null && (modeChanged || !t.equals(throughput(was)))) {
                    indexUpdates.add(Map.of("Update", Map.of("IndexName", name, "ProvisionedThroughput", t.get())));
                }
            }
            if (!indexUpdates.isEmpty()) request.put("GlobalSecondaryIndexUpdates", indexUpdates);
        }
        if (request.size() == 1) return;
        try {
            call("UpdateTable", request);
        } catch (DynamoDbCallException e) {
            throw failure(e);
        }
        awaitActive(table);
    }

    /** Deletes the table; one already gone counts as deleted. */
    void delete(String table) throws ResourceFailure {
        try {
            call("DeleteTable", Map.of("TableName", table));
        } catch (DynamoDbCallException e) {
            if (e.type().equals("ResourceNotFoundException")) return;
            throw failure(e);
        }
        dynamodb.setTimeToLive(account, region, table, null);
        Instant deadline = Instant.now().plus(SETTLE_BOUND);
        while (true) {
            try {
                call("DescribeTable", Map.of("TableName", table));
            } catch (DynamoDbCallException e) {
                if (e.type().equals("ResourceNotFoundException")) return;
                throw failure(e);
            }
            pause(deadline, table, "deleted");
        }
    }

    private void awaitActive(String table) throws ResourceFailure {
        Instant deadline = Instant.now().plus(SETTLE_BOUND);
        while (true) {
            JsonNode t;
            try {
                t = call("DescribeTable", Map.of("TableName", table)).path("Table");
            } catch (DynamoDbCallException e) {
                throw failure(e);
            }
            boolean indexesActive = true;
            for (JsonNode i : t.path("GlobalSecondaryIndexes")) indexesActive &= "ACTIVE".equals(i.path("IndexStatus").asText());
            if ("ACTIVE".equals(t.path("TableStatus").asText()) && indexesActive) return;
            pause(deadline, table, "ACTIVE");
        }
    }

    private static void pause(Instant deadline, String table, String state) throws ResourceFailure {
        if (Instant.now().isAfter(deadline)) {
            throw HandlerErrors.handler("NotStabilized", "Table " + table + " did not become " + state
                    + " within " + SETTLE_BOUND.toSeconds() + " seconds");
        }
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HandlerErrors.handler("InternalFailure", "Interrupted while waiting for table " + table);
        }
    }

    private JsonNode call(String operation, Map<String, Object> request) throws ResourceFailure {
        try {
            return dynamodb.call(account, region, operation, request);
        } catch (DynaliteUnavailableException e) {
            throw HandlerErrors.handler("ServiceInternalError", e.getMessage());
        }
    }

    private static ResourceFailure failure(DynamoDbCallException e) {
        return HandlerErrors.from(ApiService.DYNAMODB, new AwsException(e.status(), e.type(), e.getMessage()));
    }

    /** The attribute the template's TimeToLiveSpecification enables, or null when it leaves TTL off. */
    private static String timeToLiveAttribute(Map<String, Object> props) {
        Map<String, Object> ttl = Values.map(props, "TimeToLiveSpecification");
        return Values.bool(ttl, "Enabled", false) ? Values.string(ttl, "AttributeName") : null;
    }

    static String billingMode(Map<String, Object> props) { return Values.string(props, "BillingMode", "PROVISIONED"); }

    private static Optional<Map<String, Object>> throughput(Map<String, Object> props) {
        Map<String, Object> t = Values.map(props, "ProvisionedThroughput");
        if (t.isEmpty()) return Optional.empty();
        return Optional.of(Map.of("ReadCapacityUnits", Values.integer(t, "ReadCapacityUnits"),
                "WriteCapacityUnits", Values.integer(t, "WriteCapacityUnits")));
    }

    private static Map<String, Object> index(Map<String, Object> i) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("IndexName", Values.string(i, "IndexName"));
        index.put("KeySchema", keySchema(Values.maps(i, "KeySchema")));
        Map<String, Object> projection = new LinkedHashMap<>();
        Map<String, Object> p = Values.map(i, "Projection");
        projection.put("ProjectionType", Values.string(p, "ProjectionType", "ALL"));
        List<String> nonKey = Values.strings(p, "NonKeyAttributes");
        if (!nonKey.isEmpty()) projection.put("NonKeyAttributes", nonKey);
        index.put("Projection", projection);
        return index;
    }

    private static List<Map<String, Object>> keySchema(List<Map<String, Object>> keys) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> k : keys) {
            out.add(Map.of("AttributeName", Values.string(k, "AttributeName"), "KeyType", Values.string(k, "KeyType")));
        }
        return out;
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> indexes) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> i : indexes) out.put(Objects.requireNonNull(Values.string(i, "IndexName")), i);
        return out;
    }
}
