package dev.crossdeploy.upload;

import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.List;

/**
 * Multipart uploads that must not linger: the unfinished ones a killed run left on the same key
 * (the key is content-addressed, so nobody else's different bytes are lost) and this run's own
 * after a part failed. Without s3:ListBucketMultipartUploads or s3:AbortMultipartUpload, a bucket
 * lifecycle rule for incomplete uploads cleans them up.
 */
final class LeftoverUploads {
    private final S3Client s3;
    private final Reporter reporter;

    LeftoverUploads(S3Client s3, Reporter reporter) {
        this.s3 = s3;
        this.reporter = reporter;
    }

    /** Aborts unfinished uploads of exactly this key, saying so for each. */
    void abortUnfinished(ObjectTarget target) {
        List<MultipartUpload> leftovers;
        try {
            leftovers = s3.listMultipartUploads(b -> b.bucket(target.bucket()).prefix(target.key())
                    .expectedBucketOwner(target.owner())).uploads();
        } catch (S3Exception e) {
            if (e.statusCode() == 403) return;
            throw e;
        }
        for (MultipartUpload leftover : leftovers) {
            if (!leftover.key().equals(target.key())) continue;
            abort(target, leftover.uploadId());
            reporter.info("Aborted an unfinished upload of " + target.uri() + " (started " + leftover.initiated()
                    + ", by a run that did not finish)");
        }
    }

    /** Aborts one upload; a failure to do so is a warning, never the run's error. */
    void abort(ObjectTarget target, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())
                    .expectedBucketOwner(target.owner()).uploadId(uploadId));
        } catch (RuntimeException e) {
            reporter.warn("Could not abort the multipart upload of " + target.uri() + " (" + e.getMessage()
                    + "); a bucket lifecycle rule for incomplete uploads cleans it up.");
        }
    }
}
