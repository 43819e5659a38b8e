package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.xml.Xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Shapes shared by S3's XML responses: the namespace, the two date formats and the document wrapper. */
final class S3Xml {
    static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter HTTP = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private S3Xml() {}

    /** A response document: declaration, then {@code root} in S3's namespace. */
    static Xml document(String root) {
        return new Xml().declaration().open(root, XMLNS);
    }

    static CloudResponse ok(Xml doc) {
        return CloudResponse.status(200).header("Content-Type", "application/xml").body(doc.toString());
    }

    /** Dates inside XML bodies: 2026-11-26T15:04:05.000Z. */
    static String iso(Instant t) { return ISO.format(t); }

    /** Dates in headers (Last-Modified): Thu, 26 Nov 2026 15:04:05 GMT. */
    static String http(Instant t) { return HTTP.format(t); }

    /** The canonical user id S3 shows as an account's Owner/ID (stable per account). */
    static String canonicalId(String accountId) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("local-cloud-canonical-user:" + accountId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <name><ID>canonical id</ID></name>} for an account. */
    static void owner(Xml x, String name, String accountId) {
        x.open(name).leaf("ID", canonicalId(accountId)).close();
    }
}
