package dev.crossdeploy.localcloud.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the services see it: method, raw and decoded path, query parameters,
 * case-insensitive headers and the body as a stream (read it once).
 */
public final class CloudRequest {
    /** Largest body a query-protocol call (STS, IAM, CloudFormation) may send. */
    public static final int MAX_QUERY_BODY = 1024 * 1024;

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final String requestId;
    private final Map<String, List<String>> query;
    private byte[] bufferedBody;
    private boolean oversized;
    private String region = "us-east-1";

    public CloudRequest(String method, String rawPath, String rawQuery,
                        Map<String, List<String>> headers, InputStream body, String requestId) {
        this.method = method;
        this.rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        this.headers = Collections.unmodifiableMap(h);
        this.body = body;
        this.requestId = requestId;
        this.query = parseForm(this.rawQuery);
    }

    public String method() { return method; }

    /** The region of the request's SigV4 credential scope (us-east-1 when unsigned). */
    public String region() { return region; }

    /** Set by the front door once the signature scope is known. */
    public void region(String region) { this.region = region; }
    public String rawPath() { return rawPath; }
    public String rawQuery() { return rawQuery; }
    public String requestId() { return requestId; }

    /** The URL-decoded path ("+" stays "+", as S3 keys need). */
    public String path() { return decodePath(rawPath); }

    public Map<String, List<String>> headers() { return headers; }

    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Host without port, lower case; empty when absent. */
    public String hostName() {
        String host = header("Host");
        if (host == null) return "";
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) host = host.substring(0, colon);
        return host.toLowerCase();
    }

    public Map<String, List<String>> queryParams() { return query; }

    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean hasQueryParam(String name) { return query.containsKey(name); }

    public long contentLength() {
        String v = header("Content-Length");
        if (v == null) return -1;
        try { return Long.parseLong(v.trim()); } catch (NumberFormatException e) { return -1; }
    }

    /** The body as a stream; use either this or {@link #bodyBytes()}, once. */
    public InputStream body() {
        return bufferedBody != null ? new java.io.ByteArrayInputStream(bufferedBody) : body;
    }

    /** Reads the whole body into memory, refusing more than {@code limit} bytes. */
    public byte[] bodyBytes(int limit) {
        if (bufferedBody != null) return bufferedBody;
        if (oversized) throw tooLarge(limit);
        try {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                // The stream is spent; every later read must fail the same way.
                oversized = true;
                throw tooLarge(limit);
            }
            bufferedBody = bytes;
            return bytes;
        } catch (IOException e) {
            throw new AwsException(400, "IncompleteBody", "The request body could not be read: " + e.getMessage());
        }
    }

    public byte[] bodyBytes() { return bodyBytes(MAX_QUERY_BODY); }

    private static AwsException tooLarge(int limit) {
        return new AwsException(413, "RequestEntityTooLarge", "Request body must be at most " + limit + " bytes.");
    }

    /** Decodes application/x-www-form-urlencoded text into ordered multi-valued parameters. */
    public static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
                        .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, "MalformedQueryString", "The query string is not well formed: " + pair);
            }
        }
        return out;
    }

    /** Percent-decodes a path without treating "+" as a space. */
    public static String decodePath(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "InvalidURI", "Couldn't parse the specified URI.");
        }
    }
}
