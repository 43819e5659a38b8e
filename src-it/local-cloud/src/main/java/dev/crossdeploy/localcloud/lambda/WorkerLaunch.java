package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.auth.AccessKey;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a worker JVM is started: the cloud's own {@code java} (or {@code crossdeploy.lambda.java}),
 * flags for a fast start, a heap of the function's memory size, the runtime interface client as
 * main with the handler string as argument, the unpacked code as working directory (the RIC
 * loads the function from there), and the environment Lambda gives a function.
 */
final class WorkerLaunch {
    static final String JAVA_PROPERTY = "crossdeploy.lambda.java";
    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String NATIVE_CLIENT_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final RuntimeFiles runtime;
    private final CodePackages code;
    private final Path workersDir;
    private final java.util.function.Supplier<URI> endpoint;

    WorkerLaunch(RuntimeFiles runtime, CodePackages code, Path workersDir, java.util.function.Supplier<URI> endpoint) {
        this.runtime = runtime;
        this.code = code;
        this.workersDir = workersDir;
        this.endpoint = endpoint;
    }

    Path workersDir() { return workersDir; }

    /** The unpacked code for the spec; unpacks it on first use. */
    Path taskRoot(FunctionSpec spec) {
        return code.taskRoot(spec.codeSha256()).orElseThrow(() -> LambdaErrors.invalidRuntime(
                "The local cloud holds no deployment package for " + spec.versionArn()
                        + ": only functions whose code is a zip in S3 run here."));
    }

    Process start(FunctionSpec spec, AccessKey credentials, String logStream, String runtimeApi, Path dir, Path output)
            throws IOException {
        Path taskRoot = taskRoot(spec);
        List<String> command = new ArrayList<>(List.of(java(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                "-Xmx" + spec.memoryMb() + "m",
                "-Djava.net.preferIPv4Stack=true",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-D" + NATIVE_CLIENT_PROPERTY + "=" + runtime.nativeClient(),
                "-cp", runtime.classpath().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                MAIN, spec.handler()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        // Nothing of the cloud's own environment (its AWS profile, keys) reaches the function.
        env.clear();
        env.putAll(spec.environment());
        env.putAll(lambdaVariables(spec, credentials, logStream, runtimeApi, taskRoot));
        env.put("PATH", path);
        return pb.start();
    }

    /** The variables Lambda sets for every function; they win over the function's own. */
    Map<String, String> lambdaVariables(FunctionSpec spec, AccessKey credentials, String logStream, String runtimeApi,
                                        Path taskRoot) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroup());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_REGION", spec.region());
        env.put("AWS_DEFAULT_REGION", spec.region());
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        env.put("AWS_ENDPOINT_URL", endpoint.get().toString());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtime.classpath().get(0).getParent().toString());
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        return env;
    }

    private static String java() {
        String configured = System.getProperty(JAVA_PROPERTY);
        if (configured != null && !configured.isBlank()) return configured;
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
