package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.config.CloudConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Raw S3 requests through {@link HttpClient}, signed with SigV4 by hand, for what the SDK will
 * not send: other Host headers (virtual-hosted style), lying payload hashes, tampered aws-chunked
 * bodies, anonymous calls, and for reading S3's error documents as they are on the wire.
 *
 * <p>A request for another host ({@code bucket.localhost:port}, {@code bucket.s3.amazonaws.com})
 * goes through the local cloud used as an HTTP proxy: the client then sends that Host header
 * without resolving the name, which no resolver here would.
 */
final class RawS3 {
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI endpoint;
    private final HttpClient viaEndpoint;
    private final CloudConfig.Account account;
    private final String region;

    /** @param account null for anonymous (unsigned) requests */
    RawS3(URI endpoint, CloudConfig.Account account, String region) {
        this.endpoint = endpoint;
        this.viaEndpoint = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress(endpoint.getHost(), endpoint.getPort())))
                .build();
        this.account = account;
        this.region = region;
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A request being built: method, raw (encoded) path and query, headers, body, payload hash to sign. */
    final class Call {
        private final String method;
        private final String path;
        private String query = "";
        private String host;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private String payloadHash;
        private boolean sendPayloadHash = true;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call query(String rawQuery) { this.query = rawQuery; return this; }

        Call host(String host) { this.host = host; return this; }

        Call header(String name, String value) { headers.put(name, value); return this; }

        Call body(byte[] body) { this.body = body; return this; }

        Call body(String body) { return body(body.getBytes(StandardCharsets.UTF_8)); }

        /** The x-amz-content-sha256 to claim (and sign); by default the body's real hash. */
        Call payloadHash(String hash) { this.payloadHash = hash; return this; }

        /** Signs the body's hash but leaves the x-amz-content-sha256 header out, as generic SigV4 signers do. */
        Call withoutPayloadHashHeader() { this.sendPayloadHash = false; return this; }

        Response send() {
            return exchange(account != null ? sign(hostHeader()) : headers, body);
        }

        private String hostHeader() { return host != null ? host : endpoint.getHost() + ":" + endpoint.getPort(); }

        private Response exchange(Map<String, String> sentHeaders, byte[] payload) {
            try {
                URI base = host != null ? URI.create("http://" + host) : endpoint;
                URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
                sentHeaders.forEach(b::header);
                HttpResponse<String> r = (host != null ? viaEndpoint : HTTP).send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.headers().map(), r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private Map<String, String> sign(String hostHeader) {
            String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
            String hash = payloadHash != null ? payloadHash : hex(sha256(body));
            TreeMap<String, String> signed = new TreeMap<>();
            headers.forEach((k, v) -> signed.put(k.toLowerCase(), v));
            signed.put("host", hostHeader);
            signed.put("x-amz-date", amzDate);
            if (sendPayloadHash) signed.put("x-amz-content-sha256", hash);
            StringBuilder canonical = new StringBuilder(method).append('\n').append(path).append('\n')
                    .append(canonicalQuery(query)).append('\n');
            signed.forEach((k, v) -> canonical.append(k).append(':').append(v.trim()).append('\n'));
            String signedHeaders = String.join(";", signed.keySet());
            canonical.append('\n').append(signedHeaders).append('\n').append(hash);
            String date = amzDate.substring(0, 8);
            scope = date + "/" + region + "/s3/aws4_request";
            String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            signingKey = signingKey(date);
            seedSignature = hex(hmac(signingKey, stringToSign));
            this.amzDate = amzDate;
            Map<String, String> out = new LinkedHashMap<>(signed);
            out.remove("host");
            out.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + account.accessKeyId() + "/" + scope
                    + ", SignedHeaders=" + signedHeaders + ", Signature=" + seedSignature);
            return out;
        }

        private String scope;
        private byte[] signingKey;
        private String seedSignature;
        private String amzDate;

        /**
         * Sends {@code data} as a signed aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) in
         * chunks of {@code chunkSize}; {@code tamperChunk} >= 0 corrupts that chunk's signature.
         */
        Response sendSignedChunked(byte[] data, int chunkSize, int tamperChunk) {
            header("Content-Encoding", "aws-chunked");
            header("x-amz-decoded-content-length", Integer.toString(data.length));
            payloadHash("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
            Map<String, String> signedHeaders = sign(hostHeader());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String previous = seedSignature;
            int index = 0;
            for (int off = 0; ; off += chunkSize, index++) {
                int n = Math.max(0, Math.min(chunkSize, data.length - off));
                byte[] chunk = java.util.Arrays.copyOfRange(data, Math.min(off, data.length), Math.min(off, data.length) + n);
                String sts = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                        + EMPTY_SHA256 + "\n" + hex(sha256(chunk));
                String sig = hex(hmac(signingKey, sts));
                previous = sig;
                String sent = index == tamperChunk ? sig.substring(0, 63) + (sig.endsWith("0") ? "1" : "0") : sig;
                out.writeBytes((Integer.toHexString(n) + ";chunk-signature=" + sent + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(chunk);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                if (n == 0) break;
            }
            return exchange(signedHeaders, out.toByteArray());
        }
    }

    Call call(String method, String path) { return new Call(method, path); }

    /** An unsigned aws-chunked body with a trailing checksum header (STREAMING-UNSIGNED-PAYLOAD-TRAILER). */
    static byte[] unsignedChunkedWithTrailer(byte[] data, String trailerName, String trailerValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(("\r\n0\r\n" + trailerName + ":" + trailerValue + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private byte[] signingKey(String date) {
        byte[] k = hmac(("AWS4" + account.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, "s3");
        return hmac(k, "aws4_request");
    }

    private static String canonicalQuery(String raw) {
        if (raw.isEmpty()) return "";
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            sorted.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(b.length() > 0 ? "&" : "").append(k).append('=').append(v));
        return b.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }
}
