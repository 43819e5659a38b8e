package dev.crossdeploy.localcloud.cloudformation.resources.dynamodb;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::DynamoDB::Table: a real table in the stack account's DynamoDB (see {@link LiveTables}),
 * created with the template's keys, attribute definitions, indexes and capacity, updated in
 * place where DynamoDB can (billing mode, throughput) and deleted with the resource; plus
 * DynamoDB's CreateTable checks (key attributes against AttributeDefinitions, billing mode
 * against provisioned throughput) in its own words. Ref is the table name; GetAtt Arn and,
 * with a stream, StreamArn.
 */
public final class TableHandler extends RecordHandler {
    static final String TYPE = "AWS::DynamoDB::Table";
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final DateTimeFormatter STREAM_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private static final Kind KEY_SCHEMA = Kind.listOf(Kind.object(
            required("AttributeName", Kind.string().minLength(1).maxLength(255)),
            required("KeyType", Kind.enumOf("HASH", "RANGE"))));
    private static final Kind THROUGHPUT = Kind.object(
            required("ReadCapacityUnits", Kind.integer()),
            required("WriteCapacityUnits", Kind.integer()));
    private static final Kind PROJECTION = Kind.object(
            optional("NonKeyAttributes", Kind.listOf(Kind.string())),
            optional("ProjectionType", Kind.enumOf("ALL", "KEYS_ONLY", "INCLUDE")));

    public TableHandler() {
        super(TYPE, ApiService.DYNAMODB, Schema.of(
                optional("AttributeDefinitions", Kind.listOf(Kind.object(
                        required("AttributeName", Kind.string().minLength(1).maxLength(255)),
                        required("AttributeType", Kind.enumOf("S", "N", "B"))))),
                optional("BillingMode", Kind.enumOf("PROVISIONED", "PAY_PER_REQUEST")),
                optional("ContributorInsightsSpecification", Kind.any()),
                optional("DeletionProtectionEnabled", Kind.bool()),
                optional("GlobalSecondaryIndexes", Kind.listOf(Kind.object(
                        required("IndexName", Kind.string().minLength(3).maxLength(255)),
                        required("KeySchema", KEY_SCHEMA),
                        required("Projection", PROJECTION),
                        optional("ProvisionedThroughput", THROUGHPUT),
                        optional("ContributorInsightsSpecification", Kind.any()),
                        optional("OnDemandThroughput", Kind.any()),
                        optional("WarmThroughput", Kind.any())))),
                optional("ImportSourceSpecification", Kind.any()).replaces(),
                required("KeySchema", KEY_SCHEMA).replaces(),
                optional("KinesisStreamSpecification", Kind.any()),
                optional("LocalSecondaryIndexes", Kind.listOf(Kind.object(
                        required("IndexName", Kind.string().minLength(3).maxLength(255)),
                        required("KeySchema", KEY_SCHEMA),
                        required("Projection", PROJECTION)))).replaces(),
                optional("OnDemandThroughput", Kind.any()),
                optional("PointInTimeRecoverySpecification", Kind.any()),
                optional("ProvisionedThroughput", THROUGHPUT),
                optional("ResourcePolicy", Kind.any()),
                optional("SSESpecification", Kind.any()),
                optional("StreamSpecification", Kind.object(
                        required("StreamViewType", Kind.enumOf("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")),
                        optional("ResourcePolicy", Kind.any()))),
                optional("TableClass", Kind.enumOf("STANDARD", "STANDARD_INFREQUENT_ACCESS")),
                optional("TableName", Kind.string().minLength(3).maxLength(255).pattern("^[a-zA-Z0-9_.-]+$")).replaces(),
                optional("Tags", Common.TAGS),
                optional("TimeToLiveSpecification", Kind.object(
                        optional("AttributeName", Kind.string()),
                        required("Enabled", Kind.bool()))),
                optional("WarmThroughput", Kind.any())),
                "Arn", "StreamArn");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        return nameOrGenerated(ctx, props, "TableName", 255);
    }

    @Override
    protected String arn(ResourceContext ctx, String table, Map<String, Object> props) {
        return "arn:aws:dynamodb:" + ctx.region() + ":" + ctx.accountId() + ":table/" + table;
    }

    @Override protected String createAction() { return "dynamodb:CreateTable"; }
    @Override protected String updateAction() { return "dynamodb:UpdateTable"; }
    @Override protected String deleteAction() { return "dynamodb:DeleteTable"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String table, Map<String, Object> props) throws ResourceFailure {
        checkTable(props);
        Optional<LiveTables> live = LiveTables.of(ctx);
        if (live.isPresent()) live.get().create(table, props);
        return streamState(ctx, props, Map.of());
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        checkTable(newProps);
        Optional<LiveTables> live = LiveTables.of(ctx);
        if (live.isPresent()) live.get().update(current.physicalId(), oldProps, newProps);
        return streamState(ctx, newProps, current.internal());
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) throws ResourceFailure {
        if (Values.bool(current.properties(), "DeletionProtectionEnabled", false)) {
            throw HandlerErrors.invalidRequest(ApiService.DYNAMODB,
                    "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
        }
        Optional<LiveTables> live = LiveTables.of(ctx);
        if (live.isPresent()) live.get().delete(current.physicalId());
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String table, Map<String, Object> props, Map<String, Object> previous) {
        Map<String, Object> a = new HashMap<>();
        a.put("Arn", arn(ctx, table, props));
        Object label = internal(ctx, table).get("streamLabel");
        if (label != null) a.put("StreamArn", arn(ctx, table, props) + "/stream/" + label);
        return a;
    }

    /** A stream keeps its label while enabled; enabling it again starts a new stream. */
    private static Map<String, Object> streamState(ResourceContext ctx, Map<String, Object> props, Map<String, Object> before) {
        if (props.get("StreamSpecification") == null) return Map.of();
        Object label = before.get("streamLabel");
        if (label == null) label = LocalDateTime.ofInstant(ctx.state().clock().instant(), ZoneOffset.UTC).format(STREAM_LABEL);
        return Map.of("streamLabel", label);
    }

    /** CreateTable's own checks, in DynamoDB's words. */
    static void checkTable(Map<String, Object> props) throws ResourceFailure {
        List<Map<String, Object>> keySchema = Values.maps(props, "KeySchema");
        if (keySchema.isEmpty() || !"HASH".equals(Values.string(keySchema.get(0), "KeyType"))) {
            throw invalid(INVALID + "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        List<String> defined = new ArrayList<>();
        for (Map<String, Object> d : Values.maps(props, "AttributeDefinitions")) defined.add(Values.string(d, "AttributeName"));
        Set<String> keys = new LinkedHashSet<>(names(keySchema));
        for (String index : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            for (Map<String, Object> i : Values.maps(props, index)) keys.addAll(names(Values.maps(i, "KeySchema")));
        }
        List<String> missing = keys.stream().filter(k -> !defined.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw invalid(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + bracket(missing) + ", AttributeDefinitions: " + bracket(defined));
        }
        if (new LinkedHashSet<>(defined).size() != keys.size()) {
            throw invalid(INVALID + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        boolean onDemand = "PAY_PER_REQUEST".equals(Values.string(props, "BillingMode"));
        boolean tableThroughput = props.get("ProvisionedThroughput") != null;
        boolean indexThroughput = Values.maps(props, "GlobalSecondaryIndexes").stream().anyMatch(i -> i.get("ProvisionedThroughput") != null);
        if (onDemand && (tableThroughput || indexThroughput)) {
            throw invalid(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (!onDemand) {
            boolean indexWithout = Values.maps(props, "GlobalSecondaryIndexes").stream().anyMatch(i -> i.get("ProvisionedThroughput") == null);
            if (!tableThroughput || indexWithout) {
                throw invalid(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            }
            checkCapacity(Values.map(props, "ProvisionedThroughput"), "provisionedThroughput");
        }
    }

    private static void checkCapacity(Map<String, Object> throughput, String path) throws ResourceFailure {
        for (String unit : List.of("ReadCapacityUnits", "WriteCapacityUnits")) {
            Integer n = Values.integer(throughput, unit);
            if (n != null && n < 1) {
                String member = Character.toLowerCase(unit.charAt(0)) + unit.substring(1);
                throw invalid("1 validation error detected: Value '" + n + "' at '" + path + "." + member
                        + "' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
        }
    }

    private static List<String> names(List<Map<String, Object>> keySchema) {
        return keySchema.stream().map(k -> Values.string(k, "AttributeName")).toList();
    }

    private static String bracket(List<String> names) { return "[" + String.join(", ", names) + "]"; }

    private static ResourceFailure invalid(String message) {
        return HandlerErrors.invalidRequest(ApiService.DYNAMODB, message);
    }
}
