package dev.crossdeploy.localcloud.lambda;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.Runtimes;
import dev.crossdeploy.localcloud.http.AwsException;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UpdateFunctionConfiguration on $LATEST: the change a person makes by hand outside the stack.
 * It rewrites the function's live properties (so its next worker runs with them, and drift
 * detection sees them) and leaves the stack's own copy of the template's properties alone.
 */
final class ConfigurationUpdate {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Request members this cloud applies; each is the CloudFormation property of the same name. */
    private static final List<String> APPLIED = List.of("Description", "Handler", "MemorySize", "Runtime",
            "Timeout", "Environment", "TracingConfig", "EphemeralStorage");

    private ConfigurationUpdate() {}

    /** Validates the request as Lambda does and returns the function's new live properties. */
    static Map<String, Object> apply(ResourceRecords.Entry function, byte[] body) {
        Map<String, Object> request = parse(body);
        Map<String, Object> props = new LinkedHashMap<>(function.properties());
        for (String member : APPLIED) {
            if (request.containsKey(member)) props.put(member, request.get(member));
        }
        check(request);
        return props;
    }

    private static void check(Map<String, Object> request) {
        if (request.get("MemorySize") instanceof Number m) {
            if (m.intValue() < 128) throw invalidValue(m, "memorySize", "greater than or equal to 128");
            if (m.intValue() > 10240) throw invalidValue(m, "memorySize", "less than or equal to 10240");
        }
        if (request.get("Timeout") instanceof Number t) {
            if (t.intValue() < 1) throw invalidValue(t, "timeout", "greater than or equal to 1");
            if (t.intValue() > 900) throw invalidValue(t, "timeout", "less than or equal to 900");
        }
        if (request.get("Runtime") instanceof String runtime) {
            Runtimes.problem(runtime).ifPresent(p -> { throw LambdaErrors.invalidParameter(p); });
        }
    }

    private static AwsException invalidValue(Number value, String member, String constraint) {
        return new AwsException(400, "ValidationException", "1 validation error detected: Value '" + value + "' at '"
                + member + "' failed to satisfy constraint: Member must have value " + constraint);
    }

    private static Map<String, Object> parse(byte[] body) {
        try {
            Map<String, Object> m = JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
            return m == null ? new HashMap<>() : m;
        } catch (IOException e) {
            throw new AwsException(400, "InvalidRequestContentException", "Could not parse request body into json");
        }
    }
}
