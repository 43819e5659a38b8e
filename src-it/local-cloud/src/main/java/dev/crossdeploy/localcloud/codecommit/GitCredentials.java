package dev.crossdeploy.localcloud.codecommit;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.AccessKey;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.SigV4Verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks the HTTPS git credentials {@code aws codecommit credential-helper} computes: user name
 * the access key id (followed by {@code %} and the session token for temporary credentials),
 * password {@code yyyyMMdd'T'HHmmss 'Z' signature}, the signature being SigV4 for service
 * {@code codecommit} over the canonical request {@code GIT\n<path>\n\nhost:<host>\n\nhost\n}.
 * The signing region is not sent; it is the one whose signature matches.
 */
final class GitCredentials {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** Who pushed or pulled, and the region the credentials were signed for. */
    record Verified(Principal principal, String region) {}

    /** The user name's access key id, or null when the header carries no Basic credentials. */
    static Optional<String[]> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) return Optional.empty();
            return Optional.of(new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private final CloudState state;

    GitCredentials(CloudState state) { this.state = state; }

    /** The key a user name names, if the cloud knows it. */
    Optional<AccessKey> key(String user) {
        int percent = user.indexOf('%');
        return state.credentials().find(percent < 0 ? user : user.substring(0, percent));
    }

    /**
     * Verifies the credentials for {@code path} (e.g. /v1/repos/name) on {@code host} (no port),
     * trying each candidate region; empty when they are not valid.
     */
    Optional<Verified> verify(String user, String password, String host, String path, List<String> regions) {
        int percent = user.indexOf('%');
        String token = percent < 0 ? null : user.substring(percent + 1);
        Optional<AccessKey> found = key(user);
        if (found.isEmpty()) return Optional.empty();
        AccessKey key = found.get();
        if (key.temporary()) {
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    key.sessionToken().getBytes(StandardCharsets.UTF_8))) return Optional.empty();
            if (!state.clock().instant().isBefore(key.expiration())) return Optional.empty();
        } else if (token != null) {
            return Optional.empty();
        }
        int z = password.indexOf('Z');
        if (z != 15) return Optional.empty();
        String stamp = password.substring(0, z);
        String signature = password.substring(z + 1).toLowerCase();
        try {
            Instant signedAt = Instant.from(STAMP.parse(stamp));
            if (Duration.between(signedAt, Instant.now()).abs().compareTo(MAX_SKEW) > 0) return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String canonical = "GIT\n" + path + "\n\nhost:" + host + "\n\nhost\n";
        String date = stamp.substring(0, 8);
        for (String region : regions) {
            SigV4Verifier.Scope scope = new SigV4Verifier.Scope(key.accessKeyId(), date, region, "codecommit");
            String stringToSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + date + "/" + region + "/codecommit/aws4_request\n"
                    + SigV4Verifier.hex(SigV4Verifier.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            String expected = SigV4Verifier.hex(SigV4Verifier.hmac(SigV4Verifier.signingKey(key.secretAccessKey(), scope), stringToSign));
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(new Verified(key.principal(), region));
            }
        }
        return Optional.empty();
    }
}
