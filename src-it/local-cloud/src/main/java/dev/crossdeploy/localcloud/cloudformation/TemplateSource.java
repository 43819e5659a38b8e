package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a template from TemplateBody or from an S3 TemplateURL in the local S3. */
final class TemplateSource {
    static final int MAX_BODY = 51_200;
    static final int MAX_URL_OBJECT = 1_000_000;
    private static final Pattern VIRTUAL_HOST = Pattern.compile("^(.+)\\.s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com(?:\\.cn)?$");

    private TemplateSource() {}

    static String body(CloudState state, String body, String url) {
        if (body != null && url != null) {
            throw AwsException.validation("Specify exactly one of TemplateBody or TemplateUrl.");
        }
        if (body != null) {
            if (body.length() > MAX_BODY) {
                throw AwsException.validation("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to " + MAX_BODY);
            }
            return body;
        }
        if (url == null) {
            throw AwsException.validation("Either Template URL or Template Body must be specified.");
        }
        String[] location = bucketAndKey(url);
        return state.s3().readObject(location[0], location[1], MAX_URL_OBJECT)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> AwsException.validation("S3 error: Access Denied"));
    }

    /** Path-style URLs on any host, and virtual-hosted bucket.s3[.region].amazonaws.com URLs. */
    static String[] bucketAndKey(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw AwsException.validation("TemplateURL must be a supported URL.");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.startsWith("/")) path = path.substring(1);
        Matcher m = VIRTUAL_HOST.matcher(host);
        if (m.matches() && !m.group(1).equals("s3")) {
            if (path.isEmpty()) throw AwsException.validation("TemplateURL must be a supported URL.");
            return new String[]{m.group(1), path};
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw AwsException.validation("TemplateURL must be a supported URL.");
        }
        return new String[]{path.substring(0, slash), path.substring(slash + 1)};
    }
}
