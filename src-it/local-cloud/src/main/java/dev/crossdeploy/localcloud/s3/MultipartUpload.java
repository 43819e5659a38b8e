package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.auth.Principal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A multipart upload in progress: the object's future headers and encryption, and the parts
 * uploaded so far (each in its own file until CompleteMultipartUpload joins them).
 *
 * @param checksumAlgorithm the algorithm named at creation, or null
 */
public record MultipartUpload(String uploadId, String bucket, String key, Instant initiated, Principal initiator,
                              ObjectHeaders headers, Encryption encryption, ChecksumAlgorithm checksumAlgorithm,
                              Path dir, NavigableMap<Integer, Part> parts) {

    public MultipartUpload(String uploadId, String bucket, String key, Instant initiated, Principal initiator,
                           ObjectHeaders headers, Encryption encryption, ChecksumAlgorithm checksumAlgorithm, Path dir) {
        this(uploadId, bucket, key, initiated, initiator, headers, encryption, checksumAlgorithm, dir,
                new ConcurrentSkipListMap<>());
    }

    /** One uploaded part; {@code md5} is the raw digest the multipart ETag is made from. */
    public record Part(int number, Path file, long size, String etag, byte[] md5, Instant lastModified,
                       Map<ChecksumAlgorithm, String> checksums) {}
}
