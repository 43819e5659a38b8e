package dev.crossdeploy.localcloud.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.JsonProtocolService;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.DenialMessage;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The KMS API (signing name "kms", {@code X-Amz-Target: TrentService.<Operation>}, JSON 1.1):
 * keys and aliases as records, each call authorized by IAM on the key or alias ARN.
 */
final class KmsService extends JsonProtocolService {
    private static final Set<String> OPERATIONS = Set.of("CreateKey", "DescribeKey", "CreateAlias", "ListAliases",
            "DisableKey", "EnableKey", "ScheduleKeyDeletion");

    private final CloudState state;
    private final KmsStore store;

    KmsService(CloudState state, KmsStore store) {
        super("TrentService");
        this.state = state;
        this.store = store;
    }

    @Override public String signingName() { return "kms"; }

    @Override protected boolean serves(String operation) { return OPERATIONS.contains(operation); }

    @Override
    protected AwsException unknownOperation(String operation) {
        return new AwsException(400, "UnknownOperationException", "The local cloud's KMS does not serve "
                + (operation == null ? "this request" : operation) + "; it serves "
                + String.join(", ", new TreeSet<>(OPERATIONS)) + ".");
    }

    @Override protected String missingTokenMessage() { return "Missing Authentication Token"; }

    @Override
    protected JsonNode call(String operation, JsonNode input, Principal caller, CloudRequest request) {
        String account = caller.accountId();
        String region = request.region();
        return switch (operation) {
            case "CreateKey" -> createKey(input, caller, account, region);
            case "DescribeKey" -> {
                KmsKey key = authorizedKey(input, caller, account, region, "kms:DescribeKey");
                ObjectNode out = JSON.createObjectNode();
                out.set("KeyMetadata", metadata(key));
                yield out;
            }
            case "CreateAlias" -> createAlias(input, caller, account, region);
            case "ListAliases" -> listAliases(input, caller, account, region);
            case "DisableKey" -> setState(input, caller, account, region, "kms:DisableKey", "Disabled");
            case "EnableKey" -> setState(input, caller, account, region, "kms:EnableKey", "Enabled");
            case "ScheduleKeyDeletion" -> {
                KmsKey key = authorizedKey(input, caller, account, region, "kms:ScheduleKeyDeletion");
                store.state(key.accountId(), key.region(), key.keyId(), "PendingDeletion");
                int days = input.path("PendingWindowInDays").asInt(30);
                ObjectNode out = JSON.createObjectNode().put("KeyId", key.arn()).put("KeyState", "PendingDeletion")
                        .put("PendingWindowInDays", days);
                out.put("DeletionDate", now() + days * 86400L);
                yield out;
            }
            default -> throw unknownOperation(operation);
        };
    }

    private JsonNode createKey(JsonNode input, Principal caller, String account, String region) {
        authorize(caller, "kms:CreateKey", "*", account);
        boolean multiRegion = input.path("MultiRegion").asBoolean(false);
        String keyId = multiRegion ? "mrk-" + UUID.randomUUID().toString().replace("-", "") : UUID.randomUUID().toString();
        KmsKey key = new KmsKey(account, region, keyId, textOr(input, "Description", ""),
                textOr(input, "KeyUsage", "ENCRYPT_DECRYPT"), textOr(input, "KeySpec", "SYMMETRIC_DEFAULT"), "Enabled", now());
        store.putKey(key);
        ObjectNode out = JSON.createObjectNode();
        out.set("KeyMetadata", metadata(key));
        return out;
    }

    private JsonNode createAlias(JsonNode input, Principal caller, String account, String region) {
        String aliasName = required(input, "AliasName", "ValidationException",
                "1 validation error detected: Value null at 'aliasName' failed to satisfy constraint: Member must not be null");
        if (!aliasName.matches("alias/[a-zA-Z0-9/_-]+") || aliasName.length() > 256) {
            throw KmsErrors.validation("1 validation error detected: Value '" + aliasName + "' at 'aliasName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: ^alias/[a-zA-Z0-9/_-]+$");
        }
        if (aliasName.startsWith("alias/aws/")) throw KmsErrors.invalidAliasName("Alias must not begin with 'alias/aws/'");
        String aliasArn = KmsRefs.aliasArn(region, account, aliasName);
        authorize(caller, "kms:CreateAlias", aliasArn, account);
        KmsKey key = authorizedKey(input.path("TargetKeyId").asText(""), caller, account, region, "kms:CreateAlias");
        if (store.alias(account, region, aliasName).isPresent()) {
            throw KmsErrors.alreadyExists("An alias with the name " + aliasArn + " already exists");
        }
        store.putAlias(new KmsAlias(account, region, aliasName, key.keyId(), now()));
        return null;
    }

    private JsonNode listAliases(JsonNode input, Principal caller, String account, String region) {
        authorize(caller, "kms:ListAliases", "*", account);
        String keyFilter = optional(input, "KeyId");
        String filterId = keyFilter == null ? null : store.resolve(account, region, keyFilter).keyId();
        ArrayNode list = JSON.createArrayNode();
        for (KmsAlias a : store.aliases(account, region)) {
            if (filterId != null && !filterId.equals(a.targetKeyId())) continue;
            list.addObject().put("AliasName", a.aliasName()).put("AliasArn", a.arn()).put("TargetKeyId", a.targetKeyId())
                    .put("CreationDate", a.createdSeconds()).put("LastUpdatedDate", a.createdSeconds());
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("Aliases", list);
        out.put("Truncated", false);
        return out;
    }

    private JsonNode setState(JsonNode input, Principal caller, String account, String region, String action, String newState) {
        KmsKey key = authorizedKey(input, caller, account, region, action);
        if ("PendingDeletion".equals(key.state())) {
            throw KmsErrors.kmsInvalidState(key.arn() + " is pending deletion.");
        }
        store.state(key.accountId(), key.region(), key.keyId(), newState);
        return null;
    }

    private KmsKey authorizedKey(JsonNode input, Principal caller, String account, String region, String action) {
        String ref = required(input, "KeyId", "ValidationException",
                "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        return authorizedKey(ref, caller, account, region, action);
    }

    /** Authorizes on the key's ARN (resolved through its alias) before saying whether it exists, as KMS does. */
    private KmsKey authorizedKey(String ref, Principal caller, String account, String region, String action) {
        KmsRefs.Ref r = KmsRefs.parse(account, region, ref);
        // An alias that names nothing is NotFound whatever the caller may do: there is no key to authorize on.
        if (r == null || r.alias() && store.alias(r.accountId(), r.region(), r.name()).isEmpty()) {
            return store.resolve(account, region, ref);
        }
        String arn = r.alias() ? store.alias(r.accountId(), r.region(), r.name())
                .map(a -> KmsRefs.keyArn(a.region(), a.accountId(), a.targetKeyId())).orElseThrow()
                : KmsRefs.keyArn(r.region(), r.accountId(), r.name());
        authorize(caller, action, arn, r.accountId());
        return store.resolve(account, region, ref);
    }

    private void authorize(Principal caller, String action, String arn, String resourceAccount) {
        Decision d = state.iam().evaluator().evaluate(caller, action, arn, resourceAccount, null, Map.of());
        if (!d.allowed()) throw KmsErrors.accessDenied(DenialMessage.of(caller, action, arn, d));
    }

    private static ObjectNode metadata(KmsKey key) {
        ObjectNode m = JSON.createObjectNode()
                .put("AWSAccountId", key.accountId()).put("KeyId", key.keyId()).put("Arn", key.arn())
                .put("CreationDate", key.createdSeconds()).put("Enabled", key.enabled())
                .put("Description", key.description()).put("KeyUsage", key.keyUsage()).put("KeyState", key.state())
                .put("Origin", "AWS_KMS").put("KeyManager", "CUSTOMER")
                .put("CustomerMasterKeySpec", key.keySpec()).put("KeySpec", key.keySpec())
                .put("MultiRegion", key.keyId().startsWith("mrk-"));
        if ("SYMMETRIC_DEFAULT".equals(key.keySpec())) m.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
        return m;
    }

    private long now() { return state.clock().millis() / 1000; }

    private static String textOr(JsonNode input, String member, String fallback) {
        String v = optional(input, member);
        return v == null ? fallback : v;
    }
}
