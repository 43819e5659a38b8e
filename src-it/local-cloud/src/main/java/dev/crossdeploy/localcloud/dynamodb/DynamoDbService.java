package dev.crossdeploy.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.DenialMessage;

import java.io.IOException;
import java.util.Map;

/**
 * The DynamoDB API (JSON 1.0, {@code X-Amz-Target: DynamoDB_20120810.<Operation>}) behind the
 * cloud's endpoint. The front door has verified the signature; this decides the account from
 * the caller, asks IAM for every table the call touches, then hands the body to that account's
 * dynalite in the signed region and returns its answer unchanged.
 */
final class DynamoDbService implements AwsService {
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    /** DynamoDB's largest request (a 25-item BatchWriteItem of 400 KB items stays well below). */
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;
    private final DynamoDbModule module;

    DynamoDbService(CloudState state, DynamoDbModule module) {
        this.state = state;
        this.module = module;
    }

    @Override
    public String signingName() { return "dynamodb"; }

    @Override
    public String actionOf(CloudRequest request) {
        String target = request.header("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
            throw new AwsException(400, "UnknownOperationException", null);
        }
        return target.substring(TARGET_PREFIX.length());
    }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        String operation = actionOf(request);
        if (caller.isAnonymous()) {
            throw new AwsException(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        byte[] body = request.bodyBytes(MAX_BODY);
        JsonNode json = parse(body);
        String region = request.region();
        for (DynamoDbPermissions.Permission p : DynamoDbPermissions.of(operation, json, region, caller.accountId())) {
            Decision d = state.iam().evaluator().evaluate(caller, p.action(), p.resource(), caller.accountId(), null, Map.of());
            if (!d.allowed()) {
                throw new AwsException(400, "AccessDeniedException", DenialMessage.of(caller, p.action(), p.resource(), d));
            }
        }
        DynaliteAnswer answer;
        try {
            if (TimeToLive.OPERATIONS.contains(operation)) return timeToLive(caller.accountId(), region, operation, json);
            answer = module.forward(caller.accountId(), region, operation, body);
        } catch (DynaliteUnavailableException e) {
            throw new AwsException(503, "ServiceUnavailableException", e.getMessage());
        }
        if (answer.status() == 200 && ("CreateTable".equals(operation) || "DeleteTable".equals(operation))) {
            module.setTimeToLive(caller.accountId(), region, json.path("TableName").asText(), null);
        }
        return CloudResponse.status(answer.status()).header("Content-Type", answer.contentType())
                .header("x-amz-crc32", answer.crc32()).body(answer.body());
    }

    /** Time to live, kept by the cloud since dynalite has none; the table must exist, as DynamoDB checks. */
    private CloudResponse timeToLive(String account, String region, String operation, JsonNode request) {
        try {
            module.call(account, region, "DescribeTable", Map.of("TableName", request.path("TableName").asText("")));
            byte[] out = JSON.writeValueAsBytes(module.timeToLive().answer(account, region, operation, request));
            return CloudResponse.ok().header("Content-Type", "application/x-amz-json-1.0").body(out);
        } catch (DynamoDbCallException e) {
            throw new AwsException(e.status(), e.type(), e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON for finding the tables; a body that is not JSON goes on for dynalite to refuse. */
    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public CloudResponse error(AwsException error, CloudRequest request) { return DynamoDbErrors.render(error); }

    @Override
    public AwsException throttled() {
        return new AwsException(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput.");
    }
}
