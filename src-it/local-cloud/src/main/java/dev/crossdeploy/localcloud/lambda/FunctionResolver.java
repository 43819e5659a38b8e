package dev.crossdeploy.localcloud.lambda;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionAliasHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.VersionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a function reference (name, partial or full ARN, with or without a version or alias)
 * into the function version it runs, from the records the resource types keep: $LATEST from the
 * function, a number from its published version's snapshot, an alias through the version it
 * points to.
 */
final class FunctionResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudState state;

    FunctionResolver(CloudState state) { this.state = state; }

    /** A function reference split up; account and region default to the caller's. */
    record Reference(String accountId, String region, String name, String qualifier) {
        String functionArn() { return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name; }

        /** The ARN as invoked: qualified when a qualifier was given. */
        String invokedArn() { return qualifier == null ? functionArn() : functionArn() + ":" + qualifier; }

        Reference withQualifier(String q) { return new Reference(accountId, region, name, q); }
    }

    /**
     * Parses "name", "name:qualifier", "123456789012:function:name[:q]" and full ARNs. A
     * {@code qualifier} parameter applies when the reference carries none.
     */
    static Reference parse(String nameOrArn, String qualifier, String defaultAccount, String defaultRegion) {
        String account = defaultAccount;
        String region = defaultRegion;
        String rest = nameOrArn;
        if (rest.startsWith("arn:")) {
            String[] parts = rest.split(":", 7);
            if (parts.length < 7 || !"lambda".equals(parts[2]) || !"function".equals(parts[5])) {
                throw LambdaErrors.invalidParameter("1 validation error detected: Value '" + nameOrArn
                        + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
            }
            region = parts[3];
            account = parts[4];
            rest = parts[6];
        } else if (rest.matches("\\d{12}:function:.*")) {
            account = rest.substring(0, 12);
            rest = rest.substring("123456789012:function:".length());
        }
        String name = rest;
        String q = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            name = rest.substring(0, colon);
            q = rest.substring(colon + 1);
        }
        if (q != null && qualifier != null && !q.equals(qualifier)) {
            throw LambdaErrors.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new Reference(account, region, name, q != null ? q : qualifier);
    }

    /** The function record behind a reference, if the function exists. */
    Optional<ResourceRecords.Entry> function(Reference ref) {
        return records().get(ref.accountId(), ref.region(), FunctionHandler.TYPE, ref.name());
    }

    /** The version a reference runs; FunctionNotFoundException names the ARN as given. */
    FunctionSpec resolve(Reference ref) throws FunctionNotFoundException {
        ResourceRecords.Entry fn = function(ref)
                .orElseThrow(() -> notFound(ref));
        String q = ref.qualifier();
        if (q == null || "$LATEST".equals(q)) {
            return spec(ref, fn.properties(), "$LATEST", text(fn.internal().get("codeSha256")));
        }
        if (q.matches("\\d+")) {
            ResourceRecords.Entry version = records()
                    .get(ref.accountId(), ref.region(), VersionHandler.TYPE, ref.functionArn() + ":" + q)
                    .orElseThrow(() -> notFound(ref));
            return spec(ref, snapshot(version), q, text(version.internal().get("codeSha256")));
        }
        ResourceRecords.Entry alias = records()
                .get(ref.accountId(), ref.region(), FunctionAliasHandler.TYPE, ref.functionArn() + ":" + q)
                .orElseThrow(() -> notFound(ref));
        String target = Values.string(alias.properties(), "FunctionVersion");
        try {
            return resolve(ref.withQualifier(target));
        } catch (FunctionNotFoundException e) {
            throw notFound(ref);
        }
    }

    /** The alias record, for GetAlias. */
    Optional<ResourceRecords.Entry> alias(Reference ref, String name) {
        return records().get(ref.accountId(), ref.region(), FunctionAliasHandler.TYPE, ref.functionArn() + ":" + name);
    }

    /** The configuration a published version froze. */
    static Map<String, Object> snapshot(ResourceRecords.Entry version) {
        Object configuration = version.internal().get("configuration");
        if (configuration == null) return Map.of();
        try {
            return JSON.readValue(configuration.toString(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FunctionSpec spec(Reference ref, Map<String, Object> props, String version, String codeSha256) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> vars = Values.map(Values.map(props, "Environment"), "Variables");
        if (vars != null) vars.forEach((k, v) -> env.put(k, Values.text(v)));
        String logGroup = Values.string(Values.map(props, "LoggingConfig"), "LogGroup", "/aws/lambda/" + ref.name());
        return new FunctionSpec(ref.accountId(), ref.region(), ref.name(), ref.functionArn(), version,
                Values.string(props, "Runtime"), Values.string(props, "Handler"), Values.string(props, "Role"),
                Values.integer(props, "MemorySize", 128), Values.integer(props, "Timeout", 3), env,
                codeSha256 == null ? "" : codeSha256, logGroup);
    }

    static FunctionNotFoundException notFound(Reference ref) {
        return new FunctionNotFoundException("Function not found: " + ref.invokedArn());
    }

    private ResourceRecords records() { return ResourceRecords.of(state); }

    private static String text(Object o) { return o == null ? null : o.toString(); }
}
