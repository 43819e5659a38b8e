package dev.crossdeploy.upload;

import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts a large file as a multipart upload with several parts in flight, each streamed from
 * disk once: the SDK computes the part's CRC32C while sending it and sends it as a trailer,
 * which S3 checks (the whole file was verified against the manifest before; its SHA-256 goes
 * along as metadata). Aborts the upload when any part fails, so no parts linger, and first any
 * unfinished upload of the same key a killed run left behind ({@link LeftoverUploads}).
 */
final class MultipartPut {
    private final S3Client s3;
    private final UploadOptions options;
    private final Reporter reporter;
    private final LeftoverUploads leftovers;

    MultipartPut(S3Client s3, UploadOptions options, Reporter reporter) {
        this.s3 = s3;
        this.options = options;
        this.reporter = reporter;
        this.leftovers = new LeftoverUploads(s3, reporter);
    }

    void put(ObjectTarget target, Path file, long size, Map<String, String> metadata, String contentType) {
        PartLayout layout = PartLayout.of(size, options);
        long partSize = layout.partSize();
        int parts = layout.parts();
        reporter.info(layout.announce(file, target, options.parallelism()));
        leftovers.abortUnfinished(target);
        String uploadId = s3.createMultipartUpload(target.createMultipart().checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
                .metadata(metadata).contentType(contentType).build()).uploadId();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parts, options.parallelism()), r -> {
            Thread t = new Thread(r, "crossdeploy-upload");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            AtomicLong sent = new AtomicLong();
            List<Future<CompletedPart>> futures = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                int number = i + 1;
                long offset = i * partSize;
                long length = Math.min(partSize, size - offset);
                futures.add(pool.submit(() -> {
                    CompletedPart part = uploadPart(target, uploadId, new FileRange(file, offset, length), number);
                    progress(done.incrementAndGet(), parts, sent.addAndGet(length), size);
                    return part;
                }));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> f : futures) completed.add(f.get());
            completed.sort(Comparator.comparing(CompletedPart::partNumber));
            s3.completeMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())
                    .expectedBucketOwner(target.owner()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leftovers.abort(target, uploadId);
            throw new IllegalStateException("Interrupted while uploading " + target.uri(), e);
        } catch (ExecutionException e) {
            leftovers.abort(target, uploadId);
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            leftovers.abort(target, uploadId);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private CompletedPart uploadPart(ObjectTarget target, String uploadId, FileRange range, int number) {
        // Naming only the algorithm makes the SDK compute it in the same pass that sends the bytes
        // (a trailing checksum): no read of the part ahead of the upload. CRC32C, not SHA-256, since
        // it costs a fraction of the CPU and S3 verifies it all the same.
        UploadPartResponse response = s3.uploadPart(b -> b.bucket(target.bucket()).key(target.key())
                        .expectedBucketOwner(target.owner()).uploadId(uploadId).partNumber(number)
                        .contentLength(range.length()).checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromContentProvider(range, range.length(), "application/octet-stream"));
        return CompletedPart.builder().partNumber(number).eTag(response.eTag())
                .checksumCRC32C(response.checksumCRC32C()).build();
    }

    private void progress(int done, int parts, long sent, long size) {
        reporter.info("  part " + done + "/" + parts + " done, " + (sent * 100 / size) + "% (" + mib(sent)
                + " of " + mib(size) + ")");
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) UploadOptions.MIB);
    }
}
