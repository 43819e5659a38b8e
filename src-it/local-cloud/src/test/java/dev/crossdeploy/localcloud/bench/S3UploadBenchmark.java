package dev.crossdeploy.localcloud.bench;

import dev.crossdeploy.localcloud.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads a 1 GiB object to an in-process local cloud through the SDK's multipart API, from a
 * generated stream (never a buffer of the whole object), and prints elapsed time, throughput and
 * the most heap seen in use while it ran. Not a test: run its {@code main} by hand on the module's
 * test classpath (from an IDE, or {@code java -Xmx64m -cp target/test-classes:target/classes:<deps>});
 * a small heap shows that neither the client nor the cloud holds the object in memory.
 * Seen on a shared 2-core machine with -Xmx64m: 1 GiB in 34.6 s (31 MB/s), heap at most 34 MiB
 * used, 12 MiB live after collections.
 */
public final class S3UploadBenchmark {
    private static final long TOTAL = 1024L * 1024 * 1024;
    private static final int PART = 16 * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong maxHeap = new AtomicLong();
        AtomicLong maxLive = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        try (LocalCloud cloud = LocalCloud.builder().port(0).start()) {
            var account = cloud.account("staging");
            try (S3Client s3 = S3Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                    .build()) {
                s3.createBucket(b -> b.bucket("bench"));
                System.gc();
                long baseline = memory.getHeapMemoryUsage().getUsed();
                sampler.scheduleAtFixedRate(() -> {
                    maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    maxLive.accumulateAndGet(liveAfterLastGc(), Math::max);
                }, 0, 20, TimeUnit.MILLISECONDS);

                long start = System.nanoTime();
                String uploadId = s3.createMultipartUpload(b -> b.bucket("bench").key("one-gib.bin")).uploadId();
                List<CompletedPart> parts = new ArrayList<>();
                int number = 1;
                for (long offset = 0; offset < TOTAL; offset += PART, number++) {
                    long size = Math.min(PART, TOTAL - offset);
                    int n = number;
                    String etag = s3.uploadPart(b -> b.bucket("bench").key("one-gib.bin").uploadId(uploadId).partNumber(n),
                            RequestBody.fromInputStream(new GeneratedStream(offset, size), size)).eTag();
                    parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                }
                s3.completeMultipartUpload(b -> b.bucket("bench").key("one-gib.bin").uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
                double seconds = (System.nanoTime() - start) / 1e9;
                sampler.shutdownNow();

                long stored = s3.headObject(b -> b.bucket("bench").key("one-gib.bin")).contentLength();
                if (stored != TOTAL) throw new IllegalStateException("stored " + stored + " bytes, expected " + TOTAL);
                System.out.printf(Locale.ROOT, "uploaded %d MiB in %d parts of %d MiB%n", TOTAL >> 20, parts.size(), PART >> 20);
                System.out.printf(Locale.ROOT, "elapsed: %.1f s%n", seconds);
                System.out.printf(Locale.ROOT, "throughput: %.1f MB/s%n", TOTAL / 1e6 / seconds);
                System.out.printf(Locale.ROOT, "heap used: baseline %d MiB, max during upload %d MiB (max heap %d MiB)%n",
                        baseline >> 20, maxHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf(Locale.ROOT, "heap live after a collection (max sampled): %d MiB%n", maxLive.get() >> 20);
            }
        } finally {
            sampler.shutdownNow();
        }
    }

    /** Heap still occupied right after the most recent collection of each pool: the live set, without garbage. */
    private static long liveAfterLastGc() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) live += pool.getCollectionUsage().getUsed();
        }
        return live;
    }

    /** Deterministic pseudo-random bytes for a slice of the object, produced as they are read. */
    private static final class GeneratedStream extends InputStream {
        private long position;
        private final long end;

        GeneratedStream(long offset, long length) {
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() {
            if (position >= end) return -1;
            return byteAt(position++);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= end) return -1;
            int n = (int) Math.min(len, end - position);
            for (int i = 0; i < n; i++) b[off + i] = (byte) byteAt(position + i);
            position += n;
            return n;
        }

        private static int byteAt(long p) {
            long x = p * 0x9E3779B97F4A7C15L;
            return (int) ((x ^ (x >>> 29)) & 0xff);
        }
    }
}
