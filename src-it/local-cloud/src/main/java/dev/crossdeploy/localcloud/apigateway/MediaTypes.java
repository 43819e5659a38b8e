package dev.crossdeploy.localcloud.apigateway;

import java.util.List;
import java.util.Locale;

/** Whether a Content-Type or Accept value is one of an API's binary media types ("image/png", "image/*", or every type). */
final class MediaTypes {
    private MediaTypes() {}

    /** True when any media type of {@code headerValue} (a comma-separated list for Accept) matches a binary type. */
    static boolean isBinary(String headerValue, List<String> binaryTypes) {
        if (headerValue == null || binaryTypes.isEmpty()) return false;
        for (String candidate : headerValue.split(",")) {
            String type = bare(candidate);
            if (type.isEmpty()) continue;
            for (String binary : binaryTypes) {
                if (matches(type, bare(binary))) return true;
            }
        }
        return false;
    }

    private static boolean matches(String type, String pattern) {
        if (pattern.equals("*/*") || pattern.equals(type)) return true;
        return pattern.endsWith("/*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    /** "Image/PNG; q=0.9" into "image/png". */
    private static String bare(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
