package dev.crossdeploy.account;

import java.util.List;

/**
 * Keeps credentials out of debug output ({@code mvn -X}). At debug level the SDK's request
 * signer logs the canonical request, whose signed headers include the session token, and
 * Apache HttpClient's wire and header loggers print whole requests and answers (STS's issued
 * secret key and token, CloudFormation parameters including NoEcho values), as do HttpClient
 * 5's when the SDK picks that client. These loggers
 * are held at INFO through the SLF4J simple logger's per-logger settings, which Maven's logger
 * reads when a logger is created, so this must run before the first SDK client is built.
 * The SDK's own request lines (operation, status, request id) stay visible at debug.
 */
public final class SecretSafeLogging {
    /** Loggers that print secrets at debug or trace level. */
    static final List<String> QUIET = List.of(
            "software.amazon.awssdk.http.auth",
            "software.amazon.awssdk.auth.signer",
            "software.amazon.awssdk.wire",
            "org.apache.http.wire",
            "org.apache.http.headers",
            "org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http.headers");
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private SecretSafeLogging() {}

    /** Holds the secret-printing loggers at INFO; a user's own finer setting for them is overridden on purpose. */
    public static void apply() {
        for (String logger : QUIET) System.setProperty(PREFIX + logger, "info");
    }
}
