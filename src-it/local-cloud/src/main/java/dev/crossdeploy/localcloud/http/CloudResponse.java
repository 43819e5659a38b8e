package dev.crossdeploy.localcloud.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service answers: status, headers and a body that is either bytes in memory or a
 * slice of a file streamed to the client (so large S3 objects never sit in memory).
 */
public final class CloudResponse {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    /** Values after the first of headers sent more than once (Set-Cookie, ...). */
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();
    private byte[] bytes = new byte[0];
    private Path file;
    private long fileOffset;
    private long fileLength = -1;

    private CloudResponse(int status) { this.status = status; }

    public static CloudResponse status(int status) { return new CloudResponse(status); }

    public static CloudResponse ok() { return new CloudResponse(200); }

    public static CloudResponse xml(int status, String xml) {
        return new CloudResponse(status).header("Content-Type", "text/xml").body(xml);
    }

    public CloudResponse header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
            repeated.remove(name);
        }
        return this;
    }

    /** Adds a value to a header that may be sent more than once, keeping the values before it. */
    public CloudResponse addHeader(String name, String value) {
        if (value == null) return this;
        if (headers.putIfAbsent(name, value) != null) repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public CloudResponse body(String text) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        this.file = null;
        return this;
    }

    public CloudResponse body(byte[] data) {
        this.bytes = data;
        this.file = null;
        return this;
    }

    /** Streams {@code length} bytes of {@code path} from {@code offset}. */
    public CloudResponse file(Path path, long offset, long length) {
        this.file = path;
        this.fileOffset = offset;
        this.fileLength = length;
        return this;
    }

    public int status() { return status; }
    /** The first value of each header. */
    public Map<String, String> headers() { return headers; }

    /** Every value of each header, in the order set. */
    public Map<String, List<String>> headerValues() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, first) -> {
            List<String> values = new ArrayList<>(List.of(first));
            values.addAll(repeated.getOrDefault(name, List.of()));
            all.put(name, values);
        });
        return all;
    }

    /** Body length in bytes, as announced in Content-Length. */
    public long length() { return file != null ? fileLength : bytes.length; }

    public byte[] bytes() { return bytes; }

    public void writeBody(OutputStream out) throws IOException {
        if (file == null) {
            out.write(bytes);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(fileOffset);
            long left = fileLength;
            byte[] buf = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) break;
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }
}
