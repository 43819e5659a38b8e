package dev.crossdeploy.localcloud.logs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque nextToken values for the Describe and Filter calls: what the previous page ended with,
 * tagged with the operation so a token cannot be replayed against another one.
 */
final class PageToken {
    private PageToken() {}

    static String encode(String kind, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "\n" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token of this kind carries; InvalidParameterException when it is not one. */
    static String decode(String kind, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(kind + "\n")) throw LogsErrors.invalidToken();
            return text.substring(kind.length() + 1);
        } catch (IllegalArgumentException e) {
            throw LogsErrors.invalidToken();
        }
    }
}
