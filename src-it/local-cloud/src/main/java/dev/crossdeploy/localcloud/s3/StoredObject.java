package dev.crossdeploy.localcloud.s3;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One object: where its bytes are on disk and what S3 reports about it.
 *
 * @param etag         the quoted ETag, {@code "md5hex"} or {@code "md5-of-md5s-N"}
 * @param checksums    stored additional checksums, base64 (composite ones end in {@code -N})
 * @param checksumType FULL_OBJECT or COMPOSITE; null without checksums
 * @param versionId    set when the bucket's versioning is Enabled ("null" when Suspended)
 * @param partSizes    sizes of the parts of a multipart object in order, else null
 */
public record StoredObject(String key, Path file, long size, String etag, Instant lastModified,
                           ObjectHeaders headers, Encryption encryption,
                           Map<ChecksumAlgorithm, String> checksums, String checksumType,
                           String versionId, List<Long> partSizes) {

    /** Number of parts of a multipart object, else null. */
    public Integer partsCount() { return partSizes == null ? null : partSizes.size(); }
}
