package dev.crossdeploy.localcloud.cloudformation.resources.lambda;

import dev.crossdeploy.localcloud.auth.Arns;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Access;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.lambda.LambdaModule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::Lambda::Function as a record, with Lambda's CreateFunction checks: a current runtime, a
 * role Lambda can assume that the caller may pass, and code that exists where the template says
 * (an S3 object in the function's region the caller can read, or inline ZipFile). Ref is the
 * function name; GetAtt Arn and SnapStartResponse.*.
 */
public final class FunctionHandler extends RecordHandler {
    public static final String TYPE = "AWS::Lambda::Function";
    private static final int MAX_CODE_BYTES = 256 * 1024 * 1024;

    public FunctionHandler() {
        super(TYPE, ApiService.LAMBDA, Schema.of(
                optional("Architectures", Kind.listOf(Kind.enumOf("x86_64", "arm64"))),
                optional("CapacityProviderConfig", Kind.any()),
                required("Code", Kind.object(
                        optional("ImageUri", Kind.string()),
                        optional("S3Bucket", Kind.string().minLength(3).maxLength(63)),
                        optional("S3Key", Kind.string().minLength(1).maxLength(1024)),
                        optional("S3ObjectVersion", Kind.string()),
                        optional("SourceKMSKeyArn", Kind.string()),
                        optional("ZipFile", Kind.string()))),
                optional("CodeSigningConfigArn", Kind.string()),
                optional("DeadLetterConfig", Kind.object(optional("TargetArn", Kind.string()))),
                optional("Description", Kind.string().maxLength(256)),
                optional("DurableConfig", Kind.any()),
                optional("Environment", Kind.object(optional("Variables", Kind.mapOf(Kind.string())))),
                optional("EphemeralStorage", Kind.object(required("Size", Kind.integer().min(512).max(10240)))),
                optional("FileSystemConfigs", Kind.listOf(Kind.any())),
                optional("FunctionName", Kind.string().minLength(1).maxLength(64)).replaces(),
                optional("FunctionScalingConfig", Kind.any()),
                optional("Handler", Kind.string().maxLength(128).pattern("^[^\\s]+$")),
                optional("ImageConfig", Kind.any()),
                optional("KmsKeyArn", Kind.string()),
                optional("Layers", Kind.listOf(Kind.string())),
                optional("LoggingConfig", Kind.any()),
                optional("MemorySize", Kind.integer()),
                optional("PackageType", Kind.enumOf("Image", "Zip")).replaces(),
                optional("PublishToLatestPublished", Kind.any()),
                optional("RecursiveLoop", Kind.enumOf("Allow", "Terminate")),
                optional("ReservedConcurrentExecutions", Kind.integer().min(0)),
                required("Role", Kind.string().pattern("^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$")),
                optional("Runtime", Kind.string()),
                optional("RuntimeManagementConfig", Kind.any()),
                optional("SnapStart", Kind.object(required("ApplyOn", Kind.enumOf("PublishedVersions", "None")))),
                optional("Tags", Common.TAGS),
                optional("TenancyConfig", Kind.any()),
                optional("Timeout", Kind.integer().min(1)),
                optional("TracingConfig", Kind.object(optional("Mode", Kind.enumOf("Active", "PassThrough")))),
                optional("VpcConfig", Kind.any())),
                "Arn", "SnapStartResponse", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        return nameOrGenerated(ctx, props, "FunctionName", 64);
    }

    @Override
    protected String arn(ResourceContext ctx, String name, Map<String, Object> props) { return Functions.arn(ctx, name); }

    @Override protected String createAction() { return "lambda:CreateFunction"; }
    @Override protected String updateAction() { return null; }
    @Override protected String deleteAction() { return "lambda:DeleteFunction"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String name, Map<String, Object> props) throws ResourceFailure {
        checkConfiguration(props);
        checkRole(ctx, Values.string(props, "Role"));
        Map<String, Object> internal = new HashMap<>(code(ctx, props));
        // Versions are numbered per function incarnation: a re-created function starts at 1 again.
        internal.put("versionSequence", "lambda-versions:" + Functions.arn(ctx, name) + ":" + Names.uuid());
        internal.put("lastModified", ctx.state().clock().instant().toString());
        return internal;
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        String arn = Functions.arn(ctx, current.physicalId());
        Map<String, Object> internal = new HashMap<>(current.internal());
        java.util.Set<String> keys = new java.util.HashSet<>(oldProps.keySet());
        keys.addAll(newProps.keySet());
        keys.removeAll(java.util.Set.of("Code", "Tags"));
        boolean configurationChanged = keys.stream().anyMatch(k -> Values.changed(oldProps, newProps, k));
        if (configurationChanged) {
            Access.require(ctx, ApiService.LAMBDA, "lambda:UpdateFunctionConfiguration", arn);
            checkConfiguration(newProps);
            if (Values.changed(oldProps, newProps, "Role")) checkRole(ctx, Values.string(newProps, "Role"));
        }
        if (Values.changed(oldProps, newProps, "Code")) {
            Access.require(ctx, ApiService.LAMBDA, "lambda:UpdateFunctionCode", arn);
            internal.putAll(code(ctx, newProps));
        }
        internal.put("lastModified", ctx.state().clock().instant().toString());
        return internal;
    }

    /** Deleting a function deletes its versions, aliases and policy with it, as Lambda does. */
    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) {
        Object sequence = current.internal().get("versionSequence");
        if (sequence != null) records(ctx).forgetSequence(sequence.toString());
        String name = current.physicalId();
        // Its workers stop with it; a cloud without Lambda (a bare state in tests) runs none.
        ctx.state().modules().stream().filter(LambdaModule.class::isInstance).map(LambdaModule.class::cast)
                .forEach(m -> m.functionDeleted(ctx.accountId(), ctx.region(), name));
        for (String type : java.util.List.of(VersionHandler.TYPE, FunctionAliasHandler.TYPE, PermissionHandler.TYPE)) {
            records(ctx).list(ctx.accountId(), ctx.region(), type).stream()
                    .filter(e -> name.equals(Functions.parse(Values.string(e.properties(), "FunctionName")).name()))
                    .forEach(records(ctx)::remove);
        }
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String name, Map<String, Object> props, Map<String, Object> previous) {
        String applyOn = Values.string(Values.map(props, "SnapStart"), "ApplyOn", "None");
        String status = "PublishedVersions".equals(applyOn) ? "On" : "Off";
        return Map.of("Arn", Functions.arn(ctx, name),
                "SnapStartResponse", Map.of("ApplyOn", applyOn, "OptimizationStatus", status),
                "SnapStartResponse.ApplyOn", applyOn,
                "SnapStartResponse.OptimizationStatus", status);
    }

    /** The request checks Lambda makes before looking at role or code. */
    private static void checkConfiguration(Map<String, Object> props) throws ResourceFailure {
        String runtime = Values.string(props, "Runtime");
        var runtimeProblem = Runtimes.problem(runtime);
        if (runtimeProblem.isPresent()) throw HandlerErrors.invalidRequest(ApiService.LAMBDA, runtimeProblem.get());
        Integer memory = Values.integer(props, "MemorySize");
        if (memory != null && memory < 128) throw invalidValue(memory, "memorySize", "greater than or equal to 128");
        if (memory != null && memory > 10240) throw invalidValue(memory, "memorySize", "less than or equal to 10240");
        Integer timeout = Values.integer(props, "Timeout");
        if (timeout != null && timeout > 900) throw invalidValue(timeout, "timeout", "less than or equal to 900");
        boolean zip = !"Image".equals(Values.string(props, "PackageType"));
        // OS-only runtimes (provided.*) run a bootstrap file and need no handler.
        boolean handlerNeeded = runtime == null || !runtime.startsWith("provided");
        if (zip && (runtime == null || handlerNeeded && Values.string(props, "Handler") == null)) {
            throw HandlerErrors.invalidRequest(ApiService.LAMBDA,
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
    }

    private static ResourceFailure invalidValue(int value, String member, String constraint) {
        return HandlerErrors.invalidRequest(ApiService.LAMBDA, "1 validation error detected: Value '" + value + "' at '"
                + member + "' failed to satisfy constraint: Member must have value " + constraint);
    }

    /** The caller must be allowed to pass the role, and Lambda must be able to assume it. */
    private static void checkRole(ResourceContext ctx, String roleArn) throws ResourceFailure {
        Access.requirePassRole(ctx, ApiService.LAMBDA, roleArn);
        if (!ctx.state().iam().trustsService(roleArn, "lambda.amazonaws.com")) {
            throw HandlerErrors.invalidRequest(ApiService.LAMBDA, "The role defined for the function cannot be assumed by Lambda.");
        }
    }

    /** Reads the code where the template points, as Lambda fetches it; returns its hash and size. */
    private static Map<String, Object> code(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure {
        Map<String, Object> code = Values.map(props, "Code");
        String zipFile = Values.string(code, "ZipFile");
        if (zipFile != null) return digest(zipFile.getBytes(StandardCharsets.UTF_8));
        String image = Values.string(code, "ImageUri");
        if (image != null) return digest(image.getBytes(StandardCharsets.UTF_8));
        String bucket = Values.string(code, "S3Bucket");
        String key = Values.string(code, "S3Key");
        if (bucket == null || key == null) {
            throw HandlerErrors.invalidRequest(ApiService.LAMBDA, "Please provide a source for function code.");
        }
        return CodeLocation.read(ctx, bucket, key, MAX_CODE_BYTES);
    }

    static Map<String, Object> digest(byte[] bytes) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Map.of("codeSha256", Base64.getEncoder().encodeToString(sha), "codeSize", (long) bytes.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
