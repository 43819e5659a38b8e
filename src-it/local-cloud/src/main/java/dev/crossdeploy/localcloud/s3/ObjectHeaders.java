package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudRequest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The descriptive headers an object keeps from its upload and returns on GET/HEAD:
 * Content-Type and friends plus user metadata ({@code x-amz-meta-*}, names lower-cased as S3 does).
 */
public record ObjectHeaders(String contentType, String contentEncoding, String contentDisposition,
                            String cacheControl, String contentLanguage, String expires,
                            Map<String, String> metadata) {
    /** S3's Content-Type when the upload names none. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public static ObjectHeaders empty() {
        return new ObjectHeaders(DEFAULT_CONTENT_TYPE, null, null, null, null, null, Map.of());
    }

    public static ObjectHeaders from(CloudRequest request) {
        Map<String, String> meta = new TreeMap<>();
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-") && !h.getValue().isEmpty()) {
                meta.put(name.substring("x-amz-meta-".length()), String.join(",", h.getValue()));
            }
        }
        String type = request.header("Content-Type");
        return new ObjectHeaders(type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : type,
                withoutAwsChunked(request.header("Content-Encoding")), request.header("Content-Disposition"),
                request.header("Cache-Control"), request.header("Content-Language"), request.header("Expires"),
                Map.copyOf(meta));
    }

    /** Content-Encoding minus the transport-only "aws-chunked" token; null when nothing is left. */
    static String withoutAwsChunked(String encoding) {
        if (encoding == null) return null;
        String kept = String.join(",", java.util.Arrays.stream(encoding.split(","))
                .map(String::trim).filter(e -> !e.isEmpty() && !e.equalsIgnoreCase("aws-chunked")).toList());
        return kept.isEmpty() ? null : kept;
    }
}
