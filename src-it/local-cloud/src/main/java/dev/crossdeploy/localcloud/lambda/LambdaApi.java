package dev.crossdeploy.localcloud.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.VersionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.DenialMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Lambda API (REST-JSON, signing name {@code lambda}, paths under {@code /2015-03-31/}):
 * Invoke, GetFunction, GetFunctionConfiguration, UpdateFunctionConfiguration, ListFunctions,
 * ListVersionsByFunction and GetAlias, each authorised for the caller by IAM (and the function's resource policy for
 * callers from other accounts), errors in Lambda's shape.
 */
final class LambdaApi implements AwsService {
    private static final String PREFIX = "/2015-03-31/functions";
    private static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    private static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;
    private final LambdaModule module;
    private final FunctionResolver resolver;
    private final ResourcePolicy policies;

    LambdaApi(CloudState state, LambdaModule module, FunctionResolver resolver, ResourcePolicy policies) {
        this.state = state;
        this.module = module;
        this.resolver = resolver;
        this.policies = policies;
    }

    @Override
    public String signingName() { return "lambda"; }

    /** The operation a request names: method plus the path's shape. */
    @Override
    public String actionOf(CloudRequest request) {
        List<String> parts = parts(request);
        String m = request.method();
        if (parts == null) return null;
        if (parts.isEmpty()) return "GET".equals(m) ? "ListFunctions" : null;
        if (parts.size() == 1) return "GET".equals(m) ? "GetFunction" : null;
        String sub = parts.get(1);
        if (parts.size() == 2 && "POST".equals(m) && "invocations".equals(sub)) return "Invoke";
        if (parts.size() == 2 && "GET".equals(m) && "configuration".equals(sub)) return "GetFunctionConfiguration";
        if (parts.size() == 2 && "PUT".equals(m) && "configuration".equals(sub)) return "UpdateFunctionConfiguration";
        if (parts.size() == 2 && "GET".equals(m) && "versions".equals(sub)) return "ListVersionsByFunction";
        if (parts.size() == 3 && "GET".equals(m) && "aliases".equals(sub)) return "GetAlias";
        return null;
    }

    private static List<String> parts(CloudRequest request) {
        String path = request.path();
        if (!path.startsWith(PREFIX)) return null;
        String rest = path.substring(PREFIX.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) return null;
        return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        String action = actionOf(request);
        if (action == null) {
            throw new AwsException(404, "UnknownOperationException", "Unknown operation " + request.method() + " " + request.path());
        }
        List<String> parts = parts(request);
        if ("ListFunctions".equals(action)) return listFunctions(request, caller);
        FunctionResolver.Reference ref = FunctionResolver.parse(parts.get(0), request.queryParam("Qualifier"),
                caller.accountId(), request.region());
        return switch (action) {
            case "Invoke" -> invoke(request, caller, ref);
            case "GetFunction" -> getFunction(caller, ref, true);
            case "GetFunctionConfiguration" -> getFunction(caller, ref, false);
            case "UpdateFunctionConfiguration" -> updateConfiguration(request, caller, ref);
            case "ListVersionsByFunction" -> listVersions(caller, ref);
            case "GetAlias" -> getAlias(caller, ref, parts.get(2));
            default -> throw new IllegalStateException(action);
        };
    }

    // ---- Invoke ----

    private CloudResponse invoke(CloudRequest request, Principal caller, FunctionResolver.Reference ref) {
        authorize(caller, "lambda:InvokeFunction", ref, ref.invokedArn());
        String type = request.header("X-Amz-Invocation-Type");
        if (type == null) type = "RequestResponse";
        if (!List.of("Event", "RequestResponse", "DryRun").contains(type)) {
            throw new AwsException(400, "ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
        FunctionSpec spec = resolve(ref);
        byte[] payload = payload(request, "Event".equals(type));
        String clientContext = clientContext(request);
        if ("DryRun".equals(type)) return CloudResponse.status(204);
        if ("Event".equals(type)) {
            module.runAsync(ref, spec, payload, clientContext);
            return CloudResponse.status(202);
        }
        InvocationResult result = module.run(ref, spec, payload, clientContext);
        CloudResponse response = CloudResponse.ok().header("Content-Type", "application/json")
                .header("X-Amz-Executed-Version", result.executedVersion())
                .header("X-Amz-Function-Error", result.functionError())
                .body(result.payload());
        if ("Tail".equals(request.header("X-Amz-Log-Type"))) {
            response.header("X-Amz-Log-Result",
                    Base64.getEncoder().encodeToString(result.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    private static byte[] payload(CloudRequest request, boolean async) {
        int limit = async ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        byte[] body;
        try {
            body = request.bodyBytes(limit);
        } catch (AwsException tooLarge) {
            if (tooLarge.status() != 413) throw tooLarge;
            throw LambdaErrors.tooLarge(async
                    ? "Request must be smaller than " + limit + " bytes for the InvokeAsync operation"
                    : "Request must be smaller than " + limit + " bytes for the Invoke operation");
        }
        if (body.length == 0) return "{}".getBytes(StandardCharsets.UTF_8);
        try {
            JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AwsException(400, "InvalidRequestContentException",
                    "Could not parse request body into json: Could not parse payload into json: " + firstLine(e.getMessage()));
        }
        return body;
    }

    /** X-Amz-Client-Context: base64 JSON, at most 3583 bytes, handed to the function as its client context. */
    private static String clientContext(CloudRequest request) {
        String encoded = request.header("X-Amz-Client-Context");
        if (encoded == null || encoded.isEmpty()) return null;
        if (encoded.length() > 3583) {
            throw new AwsException(400, "ValidationException", "1 validation error detected: Value at 'clientContext' failed to satisfy constraint: Member must have length less than or equal to 3583");
        }
        try {
            String json = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            JSON.readTree(json);
            return json;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw LambdaErrors.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
        }
    }

    // ---- reads ----

    private CloudResponse getFunction(Principal caller, FunctionResolver.Reference ref, boolean withCode) {
        String action = withCode ? "lambda:GetFunction" : "lambda:GetFunctionConfiguration";
        authorize(caller, action, ref, ref.invokedArn());
        FunctionSpec spec = resolve(ref);
        ResourceRecords.Entry function = resolver.function(ref).orElseThrow();
        ResourceRecords.Entry version = "$LATEST".equals(spec.version()) ? null
                : records().get(ref.accountId(), ref.region(), VersionHandler.TYPE, spec.versionArn()).orElse(null);
        ObjectNode configuration = FunctionConfigurations.of(spec, function, version,
                ref.qualifier() != null && !"$LATEST".equals(ref.qualifier()));
        if (!withCode) return json(configuration);
        ObjectNode out = JSON.createObjectNode();
        out.set("Configuration", configuration);
        Map<String, Object> code = Values.map(function.properties(), "Code");
        out.putObject("Code").put("RepositoryType", "S3").put("Location", state.endpoint() + "/"
                + Values.string(code, "S3Bucket", "") + "/" + Values.string(code, "S3Key", ""));
        if (ref.qualifier() == null) {
            ObjectNode tags = out.putObject("Tags");
            for (Map<String, Object> tag : Values.maps(function.properties(), "Tags")) {
                tags.put(Values.string(tag, "Key"), Values.string(tag, "Value"));
            }
        }
        return json(out);
    }

    /** A change made by hand: the function's live properties change, the stack's copy stays as deployed. */
    private CloudResponse updateConfiguration(CloudRequest request, Principal caller, FunctionResolver.Reference ref) {
        FunctionResolver.Reference unqualified = ref.withQualifier(null);
        authorize(caller, "lambda:UpdateFunctionConfiguration", unqualified, unqualified.functionArn());
        ResourceRecords.Entry function = resolver.function(ref)
                .orElseThrow(() -> LambdaErrors.notFound("Function not found: " + unqualified.functionArn()));
        Map<String, Object> props = ConfigurationUpdate.apply(function, request.bodyBytes());
        Map<String, Object> internal = new java.util.HashMap<>(function.internal());
        internal.put("lastModified", state.clock().instant().toString());
        ResourceRecords.Entry updated = function.with(props, function.attributes(), internal);
        records().put(updated);
        return json(FunctionConfigurations.of(resolve(unqualified), updated, null, false));
    }

    private CloudResponse listFunctions(CloudRequest request, Principal caller) {
        FunctionResolver.Reference any = new FunctionResolver.Reference(caller.accountId(), request.region(), "*", null);
        authorize(caller, "lambda:ListFunctions", any, "*");
        List<ResourceRecords.Entry> functions = records().list(caller.accountId(), request.region(), FunctionHandler.TYPE);
        int start = parseInt(request.queryParam("Marker"), 0);
        int max = Math.min(parseInt(request.queryParam("MaxItems"), 50), 50);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Functions");
        for (int i = start; i < Math.min(functions.size(), start + max); i++) {
            ResourceRecords.Entry fn = functions.get(i);
            FunctionResolver.Reference ref = new FunctionResolver.Reference(caller.accountId(), request.region(), fn.physicalId(), null);
            FunctionSpec spec = FunctionResolver.spec(ref, fn.properties(), "$LATEST", text(fn.internal().get("codeSha256")));
            list.add(FunctionConfigurations.of(spec, fn, null, false));
        }
        if (start + max < functions.size()) out.put("NextMarker", Integer.toString(start + max));
        return json(out);
    }

    private CloudResponse listVersions(Principal caller, FunctionResolver.Reference ref) {
        FunctionResolver.Reference unqualified = ref.withQualifier(null);
        authorize(caller, "lambda:ListVersionsByFunction", unqualified, unqualified.functionArn());
        FunctionSpec latest = resolve(unqualified);
        ResourceRecords.Entry function = resolver.function(ref).orElseThrow();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode versions = out.putArray("Versions");
        versions.add(FunctionConfigurations.of(latest, function, null, true));
        List<ResourceRecords.Entry> published = new ArrayList<>(records().list(ref.accountId(), ref.region(), VersionHandler.TYPE).stream()
                .filter(v -> v.physicalId().startsWith(ref.functionArn() + ":")).toList());
        published.sort(Comparator.comparingLong(v -> Long.parseLong(v.physicalId().substring(v.physicalId().lastIndexOf(':') + 1))));
        for (ResourceRecords.Entry v : published) {
            String number = v.physicalId().substring(v.physicalId().lastIndexOf(':') + 1);
            FunctionSpec spec = FunctionResolver.spec(ref.withQualifier(number), FunctionResolver.snapshot(v), number,
                    text(v.internal().get("codeSha256")));
            versions.add(FunctionConfigurations.of(spec, function, v, true));
        }
        return json(out);
    }

    private CloudResponse getAlias(Principal caller, FunctionResolver.Reference ref, String name) {
        FunctionResolver.Reference aliasRef = ref.withQualifier(name);
        authorize(caller, "lambda:GetAlias", aliasRef, aliasRef.invokedArn());
        if (resolver.function(ref).isEmpty()) throw LambdaErrors.notFound("Function not found: " + ref.functionArn());
        ResourceRecords.Entry alias = resolver.alias(ref, name)
                .orElseThrow(() -> LambdaErrors.notFound("Alias not found: " + aliasRef.invokedArn()));
        ObjectNode out = JSON.createObjectNode();
        out.put("AliasArn", aliasRef.invokedArn());
        out.put("Name", name);
        out.put("FunctionVersion", Values.string(alias.properties(), "FunctionVersion"));
        out.put("Description", Values.string(alias.properties(), "Description", ""));
        out.put("RevisionId", java.util.UUID.nameUUIDFromBytes(alias.properties().toString().getBytes()).toString());
        return json(out);
    }

    // ---- shared ----

    private FunctionSpec resolve(FunctionResolver.Reference ref) {
        try {
            return resolver.resolve(ref);
        } catch (FunctionNotFoundException e) {
            throw LambdaErrors.notFound(e.getMessage());
        }
    }

    /** The caller's IAM decision, with the function's resource policy for callers from elsewhere. */
    private void authorize(Principal caller, String action, FunctionResolver.Reference ref, String resourceArn) {
        var policy = "*".equals(ref.name()) ? null : policies.document(ref).orElse(null);
        Decision d = state.iam().evaluator().evaluate(caller, action, resourceArn, ref.accountId(), policy, Map.of());
        if (d.allowed()) return;
        boolean crossAccount = d != Decision.EXPLICIT_DENY
                && caller.accountId() != null && !caller.accountId().equals(ref.accountId());
        throw LambdaErrors.accessDenied(crossAccount
                ? DenialMessage.of(caller, action, resourceArn, " because no resource-based policy allows the " + action + " action")
                : DenialMessage.of(caller, action, resourceArn, d));
    }

    private ResourceRecords records() { return ResourceRecords.of(state); }

    private static CloudResponse json(Object body) {
        try {
            return CloudResponse.ok().header("Content-Type", "application/json").body(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lambda's REST-JSON error: the code in x-amzn-ErrorType, the text in the body's "message". */
    @Override
    public CloudResponse error(AwsException error, CloudRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", error.senderFault() ? "User" : "Service");
        body.put("message", error.getMessage());
        if ("TooManyRequestsException".equals(error.code())) body.put("Reason", "ConcurrentInvocationLimitExceeded");
        return CloudResponse.status(error.status()).header("Content-Type", "application/json")
                .header("x-amzn-ErrorType", error.code()).body(body.toString());
    }

    @Override
    public AwsException throttled() {
        return LambdaErrors.tooManyRequests("Rate Exceeded.");
    }

    private static int parseInt(String s, int fallback) {
        if (s == null) return fallback;
        try {
            return Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String text(Object o) { return o == null ? null : o.toString(); }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
