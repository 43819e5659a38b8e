package dev.crossdeploy.localcloud.apigateway;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a REST API stage URL as written for AWS into the URL the local cloud serves it at:
 * {@code https://abc123defg.execute-api.us-east-1.amazonaws.com/staging/notes} becomes
 * {@code http://localhost:4566/_aws/execute-api/abc123defg/staging/notes}.
 */
public final class ExecuteApiUrls {
    /** The path prefix of the local form, as LocalStack documents it. */
    public static final String PATH_PREFIX = "/_aws/execute-api/";

    private static final Pattern AWS_URL = Pattern.compile(
            "^https?://([a-z0-9]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(?::\\d+)?(/[^?#]*)?(\\?[^#]*)?$");

    private ExecuteApiUrls() {}

    /**
     * The local form of {@code awsApiUrl} (a stack's {@code ApiUrl} output, with or without a path
     * and query after the stage) on the cloud at {@code endpoint}.
     *
     * @throws IllegalArgumentException when the URL is not an execute-api URL
     */
    public static URI local(String awsApiUrl, URI endpoint) {
        Matcher m = AWS_URL.matcher(awsApiUrl.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an API Gateway invoke URL (https://{id}.execute-api.{region}.amazonaws.com/{stage}): "
                    + awsApiUrl);
        }
        String path = m.group(2) == null ? "/" : m.group(2);
        String query = m.group(3) == null ? "" : m.group(3);
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create(base + PATH_PREFIX + m.group(1) + path + query);
    }
}
