package dev.crossdeploy.localcloud.http;

import dev.crossdeploy.localcloud.auth.AccessKey;
import dev.crossdeploy.localcloud.auth.CredentialStore;
import dev.crossdeploy.localcloud.auth.Principal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks AWS Signature Version 4 on a request, signed in the Authorization header or in the
 * query string (presigned URLs), and finds out who sent it. Failures carry the error code and
 * status each service uses: S3 names them differently from the query-protocol services.
 */
public final class SigV4Verifier {
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** The payload hash S3 clients send for streaming (aws-chunked) uploads and unsigned bodies. */
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private final CredentialStore credentials;
    private final Clock expiryClock;

    public SigV4Verifier(CredentialStore credentials, Clock expiryClock) {
        this.credentials = credentials;
        this.expiryClock = expiryClock;
    }

    /** Credential scope of a signed request: access key id, date, region, service. */
    public record Scope(String accessKeyId, String date, String region, String service) {
        String text() { return date + "/" + region + "/" + service + "/aws4_request"; }
    }

    /** The scope a request is signed with, or null when it carries no SigV4 signature. */
    public static Scope scopeOf(CloudRequest request) {
        String credential = null;
        String auth = request.header("Authorization");
        if (auth != null) {
            Matcher m = Pattern.compile("Credential=([^,\\s]+)").matcher(auth);
            if (m.find()) credential = m.group(1);
        } else {
            credential = request.queryParam("X-Amz-Credential");
        }
        if (credential == null) return null;
        String[] p = credential.split("/");
        if (p.length != 5) return null;
        return new Scope(p[0], p[1], p[2], p[3]);
    }

    /** Verifies the request and returns who sent it; anonymous when unsigned and the service allows it. */
    public Principal verify(CloudRequest request, String service) {
        boolean s3 = "s3".equals(service);
        String auth = request.header("Authorization");
        boolean presigned = auth == null && request.hasQueryParam("X-Amz-Signature");
        if (auth == null && !presigned) {
            if (s3) return Principal.anonymous();
            throw new AwsException(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        String credential;
        String signedHeaders;
        String signature;
        String amzDate;
        String token;
        if (presigned) {
            credential = request.queryParam("X-Amz-Credential");
            signedHeaders = request.queryParam("X-Amz-SignedHeaders");
            signature = request.queryParam("X-Amz-Signature");
            amzDate = request.queryParam("X-Amz-Date");
            token = request.queryParam("X-Amz-Security-Token");
            if (!"AWS4-HMAC-SHA256".equals(request.queryParam("X-Amz-Algorithm")) || credential == null
                    || signedHeaders == null || amzDate == null) {
                throw incomplete(s3);
            }
        } else {
            Matcher m = AUTH.matcher(auth);
            if (!m.find()) throw incomplete(s3);
            credential = m.group(1);
            signedHeaders = m.group(2);
            signature = m.group(3);
            amzDate = request.header("X-Amz-Date");
            if (amzDate == null) amzDate = request.header("Date");
            token = request.header("X-Amz-Security-Token");
        }
        if (s3 && !presigned && request.header("X-Amz-Content-Sha256") == null) {
            // S3 wants the payload hash declared rather than hashing (possibly huge) bodies itself.
            throw new AwsException(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
        }
        String[] scopeParts = credential.split("/");
        if (scopeParts.length != 5 || !"aws4_request".equals(scopeParts[4])) throw incomplete(s3);
        Scope scope = new Scope(scopeParts[0], scopeParts[1], scopeParts[2], scopeParts[3]);

        AccessKey key = credentials.find(scope.accessKeyId()).orElseThrow(() -> unknownKey(s3));
        Instant signedAt = parseDate(amzDate, s3);
        Instant now = Instant.now();
        if (presigned) {
            long expires = parseLong(request.queryParam("X-Amz-Expires"), s3);
            if (now.isAfter(signedAt.plusSeconds(expires))) {
                throw new AwsException(403, "AccessDenied", "Request has expired");
            }
        } else if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            if (s3) {
                throw new AwsException(403, "RequestTimeTooSkewed",
                        "The difference between the request time and the current time is too large.");
            }
            throw new AwsException(403, "SignatureDoesNotMatch", "Signature expired: " + amzDate
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW))
                    + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }

        byte[] signingKey = signingKey(key.secretAccessKey(), scope);
        boolean matches = false;
        for (String payloadHash : payloadHashes(request, s3, presigned)) {
            String canonical = canonicalRequest(request, s3, signedHeaders, payloadHash);
            String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope.text() + "\n" + hex(sha256(canonical));
            String expected = hex(hmac(signingKey, stringToSign));
            matches |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            throw new AwsException(403, "SignatureDoesNotMatch", s3
                    ? "The request signature we calculated does not match the signature you provided. Check your key and signing method."
                    : "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        if (key.temporary()) {
            if (token == null) throw unknownKey(s3);
            if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), key.sessionToken().getBytes(StandardCharsets.UTF_8))) {
                throw s3 ? new AwsException(400, "InvalidToken", "The provided token is malformed or otherwise invalid.")
                        : new AwsException(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            }
            if (!expiryClock.instant().isBefore(key.expiration())) {
                throw s3 ? new AwsException(400, "ExpiredToken", "The provided token has expired.")
                        : new AwsException(403, "ExpiredToken", "The security token included in the request is expired");
            }
        } else if (token != null) {
            throw s3 ? new AwsException(400, "InvalidToken", "The provided token is malformed or otherwise invalid.")
                    : new AwsException(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        return key.principal();
    }

    /** The signing key for a scope; S3's aws-chunked decoder needs it for chunk signatures. */
    public static byte[] signingKey(String secret, Scope scope) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        k = hmac(k, scope.region());
        k = hmac(k, scope.service());
        return hmac(k, "aws4_request");
    }

    /**
     * The payload hashes the signer may have used: the declared one; for presigned URLs
     * UNSIGNED-PAYLOAD (S3) or the body's hash (other services, e.g. presigned STS calls).
     */
    private static List<String> payloadHashes(CloudRequest request, boolean s3, boolean presigned) {
        String declared = request.header("X-Amz-Content-Sha256");
        if (declared != null) return List.of(declared);
        if (presigned && s3) return List.of(UNSIGNED);
        if (presigned) return List.of(hex(sha256(request.bodyBytes())), UNSIGNED);
        return List.of(hex(sha256(request.bodyBytes())));
    }

    private static String canonicalRequest(CloudRequest request, boolean s3, String signedHeaders, String payloadHash) {
        StringBuilder c = new StringBuilder();
        c.append(request.method()).append('\n');
        c.append(s3 ? request.rawPath() : encode(request.rawPath(), false)).append('\n');
        c.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders.split(";")) {
            List<String> values = request.headers().get(name);
            String value = values == null ? "" : String.join(",", values.stream().map(SigV4Verifier::trimAll).toList());
            c.append(name.toLowerCase()).append(':').append(value).append('\n');
        }
        c.append('\n').append(signedHeaders).append('\n');
        c.append(payloadHash);
        return c.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : CloudRequest.parseForm(rawQuery).entrySet()) {
            if (e.getKey().equals("X-Amz-Signature")) continue;
            for (String v : e.getValue()) pairs.add(new String[]{encode(e.getKey(), true), encode(v, true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
            if (b.length() > 0) b.append('&');
            b.append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding as SigV4 wants it; keeps '/' when {@code encodeSlash} is false. */
    static String encode(String s, boolean encodeSlash) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (x & 0xff);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_' || ch == '.' || ch == '~' || (ch == '/' && !encodeSlash)) {
                b.append(ch);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    private static String trimAll(String v) { return v.trim().replaceAll("\\s+", " "); }

    private static Instant parseDate(String amzDate, boolean s3) {
        if (amzDate == null) throw incomplete(s3);
        try {
            return Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw incomplete(s3);
        }
    }

    private static long parseLong(String v, boolean s3) {
        try {
            return Long.parseLong(Optional.ofNullable(v).orElse(""));
        } catch (NumberFormatException e) {
            throw incomplete(s3);
        }
    }

    private static AwsException incomplete(boolean s3) {
        return s3 ? new AwsException(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.")
                : new AwsException(400, "IncompleteSignature", "The request signature does not conform to AWS standards.");
    }

    private static AwsException unknownKey(boolean s3) {
        return s3 ? new AwsException(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
                : new AwsException(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String s) { return sha256(s.getBytes(StandardCharsets.UTF_8)); }

    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] b) { return HexFormat.of().formatHex(b); }
}
