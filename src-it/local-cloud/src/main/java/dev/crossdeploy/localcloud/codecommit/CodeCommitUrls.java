package dev.crossdeploy.localcloud.codecommit;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clone URLs. Stacks and the API report AWS's form, {@code https://git-codecommit.{region}.amazonaws.com/v1/repos/{name}},
 * so templates and outputs read as in AWS (as API Gateway's URLs do). git reaches this cloud at
 * the local form {@code http://localhost:{port}/v1/repos/{name}}: the repository is looked up in
 * the account of the credentials and in the region they were signed for (the credential helper
 * signs with the CLI's configured region). A request whose Host header is the AWS host is served too.
 */
public final class CodeCommitUrls {
    private static final Pattern AWS = Pattern.compile("https://git-codecommit(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(/v1/repos/[^/]+)/?");

    private CodeCommitUrls() {}

    /** The clone URL git uses against the cloud at {@code endpoint}, for AWS's {@code CloneUrlHttp}. */
    public static String local(String cloneUrlHttp, URI endpoint) {
        Matcher m = AWS.matcher(cloneUrlHttp);
        if (!m.matches()) throw new IllegalArgumentException("Not a CodeCommit HTTPS clone URL: " + cloneUrlHttp);
        String base = endpoint.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base + m.group(2);
    }

    /** The region in an AWS CodeCommit host name, or null for any other host. */
    static String regionOfHost(String host) {
        Matcher m = Pattern.compile("(?:vpce-.+\\.)?git-codecommit(?:-fips)?\\.([^.]+)\\.(?:vpce\\.)?amazonaws\\.com").matcher(host);
        return m.matches() ? m.group(1) : null;
    }
}
