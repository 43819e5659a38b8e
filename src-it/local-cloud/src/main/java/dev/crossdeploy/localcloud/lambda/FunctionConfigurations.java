package dev.crossdeploy.localcloud.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/** Lambda's FunctionConfiguration document for $LATEST or a published version. */
final class FunctionConfigurations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private FunctionConfigurations() {}

    /**
     * @param props    the function's properties ($LATEST) or the version's frozen ones
     * @param internal the record's kept values (code hash and size, last modified)
     * @param arn      the FunctionArn to show (unqualified for $LATEST, qualified for a version)
     */
    static ObjectNode of(FunctionSpec spec, Map<String, Object> props, Map<String, Object> internal, String arn) {
        ObjectNode c = JSON.createObjectNode();
        c.put("FunctionName", spec.name());
        c.put("FunctionArn", arn);
        c.put("Runtime", spec.runtime());
        c.put("Role", spec.role());
        c.put("Handler", spec.handler());
        Object size = internal.get("codeSize");
        c.put("CodeSize", size instanceof Number n ? n.longValue() : 0L);
        c.put("Description", Values.string(props, "Description", ""));
        c.put("Timeout", spec.timeoutSeconds());
        c.put("MemorySize", spec.memoryMb());
        Object modified = internal.get("lastModified");
        c.put("LastModified", LAST_MODIFIED.format(modified == null ? Instant.EPOCH : Instant.parse(modified.toString())));
        c.put("CodeSha256", spec.codeSha256());
        c.put("Version", spec.version());
        if (!Values.map(props, "Environment").isEmpty()) {
            ObjectNode vars = c.putObject("Environment").putObject("Variables");
            spec.environment().forEach(vars::put);
        }
        c.putObject("TracingConfig").put("Mode", Values.string(Values.map(props, "TracingConfig"), "Mode", "PassThrough"));
        c.put("RevisionId", UUID.nameUUIDFromBytes((spec + String.valueOf(modified)).getBytes()).toString());
        c.put("State", "Active");
        c.put("LastUpdateStatus", "Successful");
        c.put("PackageType", Values.string(props, "PackageType", "Zip"));
        var architectures = c.putArray("Architectures");
        var declared = Values.strings(props, "Architectures");
        (declared.isEmpty() ? java.util.List.of("x86_64") : declared).forEach(architectures::add);
        c.putObject("EphemeralStorage").put("Size", Values.integer(Values.map(props, "EphemeralStorage"), "Size", 512));
        String applyOn = Values.string(Values.map(props, "SnapStart"), "ApplyOn", "None");
        boolean snapStartOn = "PublishedVersions".equals(applyOn) && !"$LATEST".equals(spec.version());
        c.putObject("SnapStart").put("ApplyOn", applyOn).put("OptimizationStatus", snapStartOn ? "On" : "Off");
        c.putObject("LoggingConfig").put("LogFormat", Values.string(Values.map(props, "LoggingConfig"), "LogFormat", "Text"))
                .put("LogGroup", spec.logGroup());
        return c;
    }

    /** The configuration of whatever a resolved spec runs, from the records. */
    static ObjectNode of(FunctionSpec spec, ResourceRecords.Entry function, ResourceRecords.Entry version, boolean qualifiedArn) {
        if (version == null) {
            return of(spec, function.properties(), function.internal(),
                    qualifiedArn ? spec.versionArn() : spec.functionArn());
        }
        return of(spec, FunctionResolver.snapshot(version), version.internal(), spec.versionArn());
    }
}
