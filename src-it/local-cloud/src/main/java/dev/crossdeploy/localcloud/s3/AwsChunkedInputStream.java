package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.SigV4Verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body ({@code <hex-size>[;chunk-signature=<sig>]\r\n<data>\r\n ...
 * 0...\r\n<trailers>\r\n}) into the object's bytes, streaming. When the upload is signed
 * (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) every chunk signature is checked against the
 * chain seeded by the request's own signature, and so is {@code x-amz-trailer-signature}.
 * Trailing headers are available from {@link #trailers()} once the stream is exhausted.
 */
public final class AwsChunkedInputStream extends InputStream {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final int MAX_LINE = 4096;

    /** What chunk signatures are checked with; the seed is the request's Authorization signature. */
    public record Signing(byte[] signingKey, String amzDate, String scope, String seedSignature) {}

    private final InputStream in;
    private final Signing signing;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String previousSignature;
    private String chunkSignature;
    private MessageDigest chunkDigest;
    private long remaining;
    private boolean done;

    /** @param signing null for unsigned chunks (STREAMING-UNSIGNED-PAYLOAD-TRAILER) */
    public AwsChunkedInputStream(InputStream in, Signing signing) {
        this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 64 * 1024);
        this.signing = signing;
        this.previousSignature = signing == null ? null : signing.seedSignature();
    }

    /** Trailing headers by lower-case name (without x-amz-trailer-signature); complete after EOF. */
    public Map<String, String> trailers() { return Collections.unmodifiableMap(trailers); }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!done && remaining == 0) nextChunk();
        if (done) return -1;
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw truncated();
        if (chunkDigest != null) chunkDigest.update(b, off, n);
        remaining -= n;
        if (remaining == 0) endChunk();
        return n;
    }

    private void nextChunk() throws IOException {
        String header = readLine();
        if (header == null) throw truncated();
        int semi = header.indexOf(';');
        String sizeText = (semi < 0 ? header : header.substring(0, semi)).trim();
        long size;
        try {
            size = Long.parseLong(sizeText, 16);
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (size < 0) throw malformed();
        chunkSignature = null;
        if (semi >= 0) {
            String ext = header.substring(semi + 1).trim();
            if (ext.startsWith("chunk-signature=")) chunkSignature = ext.substring("chunk-signature=".length());
        }
        if (signing != null && chunkSignature == null) throw signatureMismatch();
        chunkDigest = signing == null ? null : sha256();
        remaining = size;
        if (size == 0) {
            verifyChunk();
            readTrailers();
            done = true;
        }
    }

    private void endChunk() throws IOException {
        String crlf = readLine();
        if (crlf == null || !crlf.isEmpty()) throw malformed();
        verifyChunk();
    }

    private void verifyChunk() {
        if (signing == null) return;
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
                + previousSignature + "\n" + EMPTY_SHA256 + "\n" + SigV4Verifier.hex(chunkDigest.digest());
        previousSignature = check(stringToSign, chunkSignature);
    }

    private void readTrailers() throws IOException {
        String trailerSignature = null;
        StringBuilder canonical = new StringBuilder();
        for (String line; (line = readLine()) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw malformedTrailer();
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (signing != null && !trailers.isEmpty()) {
            if (trailerSignature == null) throw signatureMismatch();
            String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
                    + previousSignature + "\n"
                    + SigV4Verifier.hex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            previousSignature = check(stringToSign, trailerSignature);
        }
    }

    private String check(String stringToSign, String given) {
        String expected = SigV4Verifier.hex(SigV4Verifier.hmac(signing.signingKey(), stringToSign));
        if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw signatureMismatch();
        }
        return expected;
    }

    /** A CRLF-terminated line without its terminator; null at end of stream before any byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            if (c == '\r') {
                int next = in.read();
                if (next == '\n' || next < 0) return line.toString(StandardCharsets.UTF_8);
                line.write(c);
                c = next;
            }
            if (c == '\n') return line.toString(StandardCharsets.UTF_8);
            line.write(c);
            if (line.size() > MAX_LINE) throw malformed();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static S3Exception truncated() { return S3Errors.incompleteBody(); }

    private static S3Exception malformed() {
        return new S3Exception(400, "InvalidChunkSizeError", "The chunk size or chunk encoding of the request body is not valid.");
    }

    private static S3Exception malformedTrailer() {
        return new S3Exception(400, "MalformedTrailerError",
                "The request contained trailing data that was not well-formed or did not conform to our published schema.");
    }

    private static S3Exception signatureMismatch() {
        return new S3Exception(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }
}
