package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a large file through the SDK's native S3 client (AWS CRT): it reads the file, cuts it into
 * parts, computes each part's CRC32C, signs and (on HTTPS) encrypts in native code, with several
 * parts in flight. The Java client does the same work in the JVM, where the recommended
 * {@code -XX:TieredStopAtLevel=1} leaves out the CPU's AES and SHA instructions: for a 256 MiB
 * artifact that is seconds of CPU the native client does not spend (BENCHMARKS.md, row 5). On
 * failure the native client aborts the multipart upload itself, so no parts linger.
 */
final class NativeMultipartPut {
    private final AccountSession session;
    private final UploadOptions options;
    private final Reporter reporter;

    NativeMultipartPut(AccountSession session, UploadOptions options, Reporter reporter) {
        this.session = session;
        this.options = options;
        this.reporter = reporter;
    }

    /** The native library's loading, started once per JVM (by {@link #preload} or the first upload). */
    private static CompletableFuture<Optional<String>> loading;

    /**
     * Starts loading the native library and the client's classes on a daemon thread, so that an
     * upload known to go this way finds them loaded (it happens while the deploy role is assumed).
     */
    static void preload() {
        loading();
    }

    /** Why the native client cannot run here (its library did not load on this platform), or empty when it can. */
    static Optional<String> unavailable() {
        return loading().join();
    }

    private static synchronized CompletableFuture<Optional<String>> loading() {
        if (loading == null) {
            loading = CompletableFuture.supplyAsync(NativeMultipartPut::load, task -> {
                Thread thread = new Thread(task, "crossdeploy-native-s3");
                thread.setDaemon(true);
                thread.start();
            });
        }
        return loading;
    }

    private static Optional<String> load() {
        try {
            CRT.getOSIdentifier(); // loads the native library, once per JVM
            S3AsyncClient.crtBuilder();
            S3TransferManager.builder();
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    void put(ObjectTarget target, Path file, long size, Map<String, String> metadata, String contentType) {
        PartLayout layout = PartLayout.of(size, options);
        reporter.info(layout.announce(file, target, options.parallelism()) + " (native S3 client)");
        var builder = S3AsyncClient.crtBuilder()
                .credentialsProvider(session.credentials())
                .region(Region.of(session.region()))
                .forcePathStyle(session.s3PathStyle())
                .minimumPartSizeInBytes(layout.partSize())
                .thresholdInBytes(options.multipartThreshold())
                .maxConcurrency(options.parallelism())
                .checksumValidationEnabled(true);
        session.s3EndpointOverride().ifPresent(builder::endpointOverride);
        try (S3AsyncClient s3 = builder.build(); S3TransferManager transfers = S3TransferManager.builder().s3Client(s3).build()) {
            transfers.uploadFile(UploadFileRequest.builder()
                            .putObjectRequest(target.put().contentType(contentType).metadata(metadata)
                                    .checksumAlgorithm(ChecksumAlgorithm.CRC32_C).build())
                            .source(file)
                            .addTransferListener(new Progress(size))
                            .build())
                    .completionFuture().join();
        } catch (CompletionException e) {
            // An error answer S3 gave (S3Exception) reads as from the Java client; the native client reports a
            // part that kept failing as a client exception carrying its own text.
            if (e.getCause() instanceof SdkClientException cause) throw failed(target, cause);
            if (e.getCause() instanceof SdkException cause) throw cause;
            throw e;
        }
    }

    private CrossdeployException failed(ObjectTarget target, SdkClientException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll(" \\(SDK Attempt Count: \\d+\\)$", "");
        return new CrossdeployException("Uploading " + target.uri() + " for stage '" + session.stage().name()
                + "' failed after the client's retries (" + reason + "); the multipart upload was aborted, so nothing"
                + " is left in the bucket: run the goal again.", e);
    }

    /** A line at every tenth of the file, as the bytes go. */
    private final class Progress implements TransferListener {
        private final long size;
        private final AtomicInteger tenths = new AtomicInteger();

        Progress(long size) { this.size = size; }

        @Override
        public void bytesTransferred(Context.BytesTransferred context) {
            long sent = context.progressSnapshot().transferredBytes();
            int now = (int) (sent * 10 / size);
            int before = tenths.get();
            if (now > before && tenths.compareAndSet(before, now)) {
                reporter.info("  " + (now * 10) + "% (" + MultipartPut.mib(sent) + " of " + MultipartPut.mib(size) + ")");
            }
        }
    }
}
