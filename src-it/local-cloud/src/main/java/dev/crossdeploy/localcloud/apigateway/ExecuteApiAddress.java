package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.http.CloudRequest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which API and stage a request calls, and the path below the stage.
 *
 * @param apiId   the REST API id
 * @param region  the region the Host names, or null for the path form (any region)
 * @param stage   the stage name, or "" when the path names none
 * @param rawPath the raw (still percent-encoded) path below the stage, starting with "/"
 */
record ExecuteApiAddress(String apiId, String region, String stage, String rawPath) {
    private static final Pattern HOST = Pattern.compile("^([a-z0-9]+)\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com$");

    /** The address of an execute-api request in either form, or empty when the request is not one. */
    static Optional<ExecuteApiAddress> of(CloudRequest request) {
        Matcher host = HOST.matcher(request.hostName());
        if (host.matches()) return Optional.of(split(host.group(1), host.group(2), request.rawPath()));
        String path = request.rawPath();
        if (!path.startsWith(ExecuteApiUrls.PATH_PREFIX)) return Optional.empty();
        String rest = path.substring(ExecuteApiUrls.PATH_PREFIX.length());
        int slash = rest.indexOf('/');
        String apiId = slash < 0 ? rest : rest.substring(0, slash);
        if (apiId.isEmpty()) return Optional.empty();
        return Optional.of(split(apiId, null, slash < 0 ? "/" : rest.substring(slash)));
    }

    /** {@code /stage/a/b} into stage "stage" and path "/a/b". */
    private static ExecuteApiAddress split(String apiId, String region, String stageAndPath) {
        String rest = stageAndPath.startsWith("/") ? stageAndPath.substring(1) : stageAndPath;
        int slash = rest.indexOf('/');
        String stage = slash < 0 ? rest : rest.substring(0, slash);
        String below = slash < 0 ? "/" : rest.substring(slash);
        return new ExecuteApiAddress(apiId, region, stage, below);
    }
}
