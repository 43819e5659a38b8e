package dev.crossdeploy.localcloud.lambda;

import java.util.Map;

/**
 * One function version as it runs: what a worker is started from. Two specs that differ mean
 * the code or configuration changed, so a warm worker built from the older one is replaced.
 *
 * @param functionArn the unqualified function ARN
 * @param version     "$LATEST" or a published version number
 * @param codeSha256  the deployment package's hash (base64), which names the unpacked code
 */
public record FunctionSpec(String accountId, String region, String name, String functionArn, String version,
                           String runtime, String handler, String role, int memoryMb, int timeoutSeconds,
                           Map<String, String> environment, String codeSha256, String logGroup) {
    public FunctionSpec {
        environment = Map.copyOf(environment);
    }

    /** The ARN of this version: unqualified ARN plus ":" and the version. */
    public String versionArn() { return functionArn + ":" + version; }
}
