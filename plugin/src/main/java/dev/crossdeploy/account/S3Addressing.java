package dev.crossdeploy.account;

import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Whether S3 is addressed path-style: when asked, or when the S3 endpoint's host cannot take a
 * bucket name as a subdomain ({@code localhost}, an IP address: an S3-compatible server or a local
 * cloud), where virtual-hosted names would not resolve.
 */
final class S3Addressing {
    private S3Addressing() {}

    static boolean pathStyle(boolean asked, URI override, UnaryOperator<String> environment, UnaryOperator<String> properties) {
        return asked || endpoint(override, environment, properties).map(S3Addressing::hostTakesNoSubdomain).orElse(false);
    }

    /** The endpoint the SDK will use for S3: the override, else the SDK's own settings, most specific first. */
    private static Optional<URI> endpoint(URI override, UnaryOperator<String> environment, UnaryOperator<String> properties) {
        if (override != null) return Optional.of(override);
        for (String value : new String[]{properties.apply("aws.endpointUrlS3"), environment.apply("AWS_ENDPOINT_URL_S3"),
                properties.apply("aws.endpointUrl"), environment.apply("AWS_ENDPOINT_URL")}) {
            if (value != null && !value.isBlank()) {
                try {
                    return Optional.of(URI.create(value.trim()));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty(); // the SDK itself reports a malformed endpoint
                }
            }
        }
        return Optional.empty();
    }

    private static boolean hostTakesNoSubdomain(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) return false;
        return host.equals("localhost") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.startsWith("[");
    }
}
