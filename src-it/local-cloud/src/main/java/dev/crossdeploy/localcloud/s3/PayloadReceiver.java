package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.auth.AccessKey;
import dev.crossdeploy.localcloud.auth.CredentialStore;
import dev.crossdeploy.localcloud.http.SigV4Verifier;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes an upload's body (PutObject, UploadPart) into a file, streaming: decodes aws-chunked
 * bodies, and checks what the client claimed about the bytes — {@code x-amz-content-sha256},
 * {@code Content-MD5}, the {@code x-amz-checksum-*} header or trailer, the announced lengths.
 * Any failure deletes the file and answers with S3's error.
 */
final class PayloadReceiver {
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-fA-F]+)");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** What arrived: the bytes' size, MD5 and the additional checksum the client asked for (if any). */
    record Received(long size, byte[] md5, ChecksumAlgorithm algorithm, String checksum) {
        String etag() { return S3Store.quote(HexFormat.of().formatHex(md5)); }

        Map<ChecksumAlgorithm, String> checksums() { return algorithm == null ? Map.of() : Map.of(algorithm, checksum); }
    }

    private final CredentialStore credentials;

    PayloadReceiver(CredentialStore credentials) { this.credentials = credentials; }

    /** Largest single upload (PutObject body or one part): 5 GiB. */
    static final long MAX_UPLOAD = 5L * 1024 * 1024 * 1024;

    /** Largest XML or JSON body a configuration call may send. */
    static final int MAX_SMALL_BODY = 1024 * 1024;

    /** Receives the body of {@code request} into {@code target}; {@code defaultAlgorithm} is computed when none is named. */
    Received receive(CloudRequest request, Path target, ChecksumAlgorithm defaultAlgorithm) {
        if (request.contentLength() < 0 && request.header("Transfer-Encoding") == null) {
            throw new S3Exception(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }
        long announced = request.header("x-amz-decoded-content-length") != null ? decodedLength(request) : request.contentLength();
        if (announced > MAX_UPLOAD) {
            throw new S3Exception(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
                    .detail("ProposedSize", Long.toString(announced)).detail("MaxSizeAllowed", Long.toString(MAX_UPLOAD));
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            return receive(request, out, defaultAlgorithm, MAX_UPLOAD);
        } catch (IOException e) {
            S3Store.deleteQuietly(target);
            throw S3Errors.incompleteBody();
        } catch (RuntimeException e) {
            S3Store.deleteQuietly(target);
            throw e;
        }
    }

    /** A configuration call's body (XML, JSON) in memory, decoded and checked like an upload's. */
    byte[] small(CloudRequest request) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            receive(request, out, null, MAX_SMALL_BODY);
        } catch (IOException e) {
            throw S3Errors.incompleteBody();
        }
        return out.toByteArray();
    }

    private Received receive(CloudRequest request, OutputStream out, ChecksumAlgorithm defaultAlgorithm, long limit)
            throws IOException {
        String contentSha = request.header("x-amz-content-sha256");
        String mode = contentSha == null ? "UNSIGNED-PAYLOAD" : contentSha.trim();
        boolean chunked = mode.startsWith("STREAMING-");
        boolean signedChunks = mode.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        if (mode.startsWith("STREAMING-AWS4-ECDSA")) throw S3Errors.notImplemented();
        if (chunked && !signedChunks && !mode.equals("STREAMING-UNSIGNED-PAYLOAD-TRAILER")) throw badContentSha();
        if (!chunked && !mode.equals("UNSIGNED-PAYLOAD") && !HEX_SHA256.matcher(mode).matches()) throw badContentSha();

        ChecksumRequest claimed = ChecksumRequest.of(request, defaultAlgorithm, chunked && mode.endsWith("-TRAILER"));
        byte[] claimedMd5 = contentMd5(request.header("Content-MD5"));
        long decodedLength = chunked ? decodedLength(request) : request.contentLength();

        MessageDigest md5 = S3Store.md5();
        MessageDigest sha256 = HEX_SHA256.matcher(mode).matches() ? sha256() : null;
        ChecksumAlgorithm.Running running = claimed.algorithm() == null ? null : claimed.algorithm().start();
        InputStream body = request.body();
        AwsChunkedInputStream decoder = null;
        if (chunked) {
            decoder = new AwsChunkedInputStream(body, signedChunks ? signing(request) : null);
            body = decoder;
        }
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = body.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            md5.update(buf, 0, n);
            if (sha256 != null) sha256.update(buf, 0, n);
            if (running != null) running.update(buf, 0, n);
            size += n;
            if (size > limit) throw new S3Exception(400, "MaxMessageLengthExceeded", "Your request was too big.");
        }
        if (decodedLength >= 0 && size != decodedLength) throw S3Errors.incompleteBody();
        if (sha256 != null) {
            String computed = SigV4Verifier.hex(sha256.digest());
            if (!computed.equalsIgnoreCase(mode)) throw S3Errors.contentSha256Mismatch(mode, computed);
        }
        byte[] digest = md5.digest();
        if (claimedMd5 != null && !MessageDigest.isEqual(claimedMd5, digest)) {
            throw S3Errors.badDigestMd5(request.header("Content-MD5").trim(), Base64.getEncoder().encodeToString(digest));
        }
        String checksum = null;
        if (running != null) {
            checksum = running.base64();
            String expected = claimed.value();
            if (claimed.fromTrailer()) {
                expected = decoder == null ? null : decoder.trailers().get(claimed.algorithm().header());
                if (expected == null) throw malformedTrailer();
                ChecksumRequest.requireValid(claimed.algorithm(), expected);
            }
            if (expected != null && !expected.equals(checksum)) throw S3Errors.badChecksum(claimed.algorithm().displayName());
            String trailed = decoder == null ? null : decoder.trailers().get(claimed.algorithm().header());
            if (trailed != null && !trailed.equals(checksum)) throw S3Errors.badChecksum(claimed.algorithm().displayName());
        }
        return new Received(size, digest, claimed.algorithm(), checksum);
    }

    private AwsChunkedInputStream.Signing signing(CloudRequest request) {
        String auth = request.header("Authorization");
        SigV4Verifier.Scope scope = SigV4Verifier.scopeOf(request);
        Matcher m = auth == null ? null : SIGNATURE.matcher(auth);
        String amzDate = request.header("X-Amz-Date");
        if (scope == null || m == null || !m.find() || amzDate == null) {
            throw new S3Exception(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.");
        }
        AccessKey key = credentials.find(scope.accessKeyId()).orElseThrow(() -> new S3Exception(403, "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records."));
        String scopeText = scope.date() + "/" + scope.region() + "/" + scope.service() + "/aws4_request";
        return new AwsChunkedInputStream.Signing(SigV4Verifier.signingKey(key.secretAccessKey(), scope),
                amzDate, scopeText, m.group(1).toLowerCase(Locale.ROOT));
    }

    private static long decodedLength(CloudRequest request) {
        String v = request.header("x-amz-decoded-content-length");
        if (v == null) return -1;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Invalid x-amz-decoded-content-length", "x-amz-decoded-content-length", v);
        }
    }

    private static byte[] contentMd5(String header) {
        if (header == null) return null;
        try {
            byte[] md5 = Base64.getDecoder().decode(header.trim());
            if (md5.length != 16) throw S3Errors.invalidDigest(header);
            return md5;
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidDigest(header);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsException badContentSha() {
        return S3Errors.invalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
                + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER "
                + "or a valid sha256 value.", "x-amz-content-sha256", null);
    }

    private static S3Exception malformedTrailer() {
        return new S3Exception(400, "MalformedTrailerError",
                "The request contained trailing data that was not well-formed or did not conform to our published schema.");
    }

    /**
     * The checksum a request asks for: a value in an {@code x-amz-checksum-*} header, a value to
     * come in the trailer ({@code x-amz-trailer}), or only an algorithm ({@code x-amz-sdk-checksum-algorithm}).
     */
    record ChecksumRequest(ChecksumAlgorithm algorithm, String value, boolean fromTrailer) {
        /**
         * @param trailerExpected whether the body format carries trailers at all; SDKs send
         *                        {@code x-amz-trailer} with other formats too, where it means nothing
         */
        static ChecksumRequest of(CloudRequest request, ChecksumAlgorithm fallback, boolean trailerExpected) {
            ChecksumAlgorithm found = null;
            String value = null;
            for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
                var alg = ChecksumAlgorithm.ofHeader(h.getKey());
                if (alg.isEmpty()) continue;
                if (h.getKey().equalsIgnoreCase("x-amz-checksum-algorithm") || h.getKey().equalsIgnoreCase("x-amz-checksum-type")) continue;
                if (found != null) {
                    throw S3Errors.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
                }
                found = alg.get();
                value = h.getValue().isEmpty() ? "" : h.getValue().get(0).trim();
            }
            String trailer = trailerExpected ? request.header("x-amz-trailer") : null;
            var trailerAlg = ChecksumAlgorithm.ofHeader(trailer);
            if (trailer != null && trailerAlg.isEmpty() && trailer.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-")) {
                throw S3Errors.invalidRequest("The value specified in the x-amz-trailer header is not supported");
            }
            if (trailerAlg.isPresent() && trailerAlg.get() != found) {
                if (found != null) {
                    throw S3Errors.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
                }
                return new ChecksumRequest(trailerAlg.get(), null, true);
            }
            String sdk = request.header("x-amz-sdk-checksum-algorithm");
            if (sdk != null) {
                ChecksumAlgorithm named = ChecksumAlgorithm.named(sdk).orElseThrow(() -> S3Errors.invalidRequest(
                        "Checksum algorithm provided is unsupported. Please try again with any of the valid types: "
                                + "[CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
                if (found != null && found != named) {
                    throw S3Errors.invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.");
                }
                if (found == null) return new ChecksumRequest(named, null, false);
            }
            if (found != null) {
                requireValid(found, value);
                return new ChecksumRequest(found, value, false);
            }
            return new ChecksumRequest(fallback, null, false);
        }

        static void requireValid(ChecksumAlgorithm algorithm, String value) {
            try {
                if (Base64.getDecoder().decode(value).length == algorithm.length()) return;
            } catch (IllegalArgumentException ignored) {
                // falls through to the error
            }
            throw S3Errors.invalidRequest("Value for " + algorithm.header() + " header is invalid.");
        }
    }
}
