package dev.crossdeploy.upload;

import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The multipart path on its own: parts in parallel, each read once with a checksum S3 checks, and a clean abort. */
class MultipartPutTest {
    private static final long MIB = UploadOptions.MIB;

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path dir;

    private final RecordingReporter reporter = new RecordingReporter();

    private S3Client s3(ExecutionInterceptor interceptor) {
        var keys = cloud.cloud().account("qa");
        return S3Client.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.of(cloud.cloud().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .forcePathStyle(true).overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
    }

    private Path file(long size) throws Exception {
        byte[] data = new byte[(int) size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve("app.zip"), data);
    }

    @Test
    void partsGoUpTogetherEachStreamedOnceWithACrc32cThatS3Checks() throws Exception {
        DeploymentAccount qa = cloud.seed("qa").apply();
        Path file = file(11 * MIB + 7);
        ObjectTarget target = new ObjectTarget(cloud.stage("qa", qa), "app/parallel.zip");
        // Each part waits (bounded) until two parts are in flight: the upload completes only if they really overlap.
        CountDownLatch twoInFlight = new CountDownLatch(2);
        List<Map<String, List<String>>> partHeaders = new CopyOnWriteArrayList<>();
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof UploadPartRequest)) return;
                partHeaders.add(context.httpRequest().headers());
                twoInFlight.countDown();
                try {
                    if (!twoInFlight.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("parts went up one at a time");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        try (S3Client s3 = s3(watch)) {
            new MultipartPut(s3, new UploadOptions(6 * MIB, 5 * MIB, 3), reporter)
                    .put(target, file, Files.size(file), Map.of("sha256", "abc"), "application/zip");

            assertThat(s3.getObjectAsBytes(b -> b.bucket(target.bucket()).key(target.key())).asByteArray())
                    .isEqualTo(Files.readAllBytes(file));
            HeadObjectResponse head = s3.headObject(b -> b.bucket(target.bucket()).key(target.key()).checksumMode(ChecksumMode.ENABLED));
            assertThat(head.checksumCRC32C()).endsWith("-3");
            assertThat(head.metadata()).containsEntry("sha256", "abc");
        }
        assertThat(partHeaders).hasSize(3).allSatisfy(h -> {
            // Over http the SDK must sign the payload; it does so chunk by chunk in the same pass that
            // sends it, with the CRC32C trailing, and no checksum computed ahead of the request.
            assertThat(h.get("x-amz-content-sha256")).containsExactly("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
            assertThat(h.get("x-amz-trailer")).containsExactly("x-amz-checksum-crc32c");
            assertThat(h).doesNotContainKeys("x-amz-checksum-sha256", "x-amz-checksum-crc32c", "Content-MD5");
        });
    }

    @Test
    void aPartThatFailsAbortsTheUploadSoNoPartsLinger() throws Exception {
        DeploymentAccount qa = cloud.seed("qa").apply();
        Path file = file(11 * MIB);
        ObjectTarget target = new ObjectTarget(cloud.stage("qa", qa), "app/failing.zip");
        ExecutionInterceptor failSecondPart = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part && part.partNumber() == 2) {
                    throw new IllegalStateException("disk read failed for part 2");
                }
            }
        };

        try (S3Client s3 = s3(failSecondPart)) {
            assertThatThrownBy(() -> new MultipartPut(s3, new UploadOptions(6 * MIB, 5 * MIB, 2), reporter)
                    .put(target, file, Files.size(file), Map.of(), "application/zip"))
                    .hasMessageContaining("disk read failed for part 2");

            assertThat(s3.listMultipartUploads(b -> b.bucket(target.bucket())).uploads()).isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(target.bucket()).prefix("app/")).contents()).isEmpty();
        }
    }
}
