package dev.crossdeploy.localcloud.bench;

import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.localcloud.apigateway.ExecuteApiUrls;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Prints how fast a deployed example-api answers through the local cloud's API Gateway: the
 * first request after the deploy (a new worker JVM: cold start) and {@code n} warm requests
 * (p50, p99), and the resident memory of each warm worker. Not a test: run it by hand (see
 * BENCHMARKS.md). Arguments: the Lambda zip, the template, [requests=1000].
 */
public final class ApiLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        Path zip = Path.of(args[0]);
        String template = Files.readString(Path.of(args[1]));
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 1000;

        try (LocalCloud cloud = LocalCloud.builder().port(0).resourceDelayMillis(0).start()) {
            var account = cloud.account("staging");
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
            String bucket = "bench-artifacts";
            try (S3Client s3 = S3Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).forcePathStyle(true).build();
                 CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint())
                         .region(Region.US_EAST_1).credentialsProvider(credentials).build()) {
                s3.createBucket(r -> r.bucket(bucket));
                s3.putObject(r -> r.bucket(bucket).key("example-api.zip"), RequestBody.fromFile(zip));
                long deployStart = System.nanoTime();
                cfn.createChangeSet(r -> r.stackName("bench").changeSetName("c1").changeSetType("CREATE")
                        .templateBody(template).capabilities(Capability.CAPABILITY_IAM)
                        .parameters(parameter("ArtifactBucket", bucket), parameter("ArtifactKey", "example-api.zip"),
                                parameter("Stage", "bench")));
                // The SDK's waiters poll every 30 s; a short poll of our own measures the deploy itself.
                awaitStatus(() -> cfn.describeChangeSet(r -> r.stackName("bench").changeSetName("c1")).statusAsString(), "CREATE_COMPLETE");
                cfn.executeChangeSet(r -> r.stackName("bench").changeSetName("c1"));
                awaitStatus(() -> cfn.describeStacks(r -> r.stackName("bench")).stacks().get(0).stackStatusAsString(), "CREATE_COMPLETE");
                System.out.printf("deploy (change set to CREATE_COMPLETE): %d ms%n", (System.nanoTime() - deployStart) / 1_000_000);

                String apiUrl = cfn.describeStacks(r -> r.stackName("bench")).stacks().get(0).outputs().stream()
                        .filter(o -> o.outputKey().equals("ApiUrl")).findFirst().orElseThrow().outputValue();
                URI notes = URI.create(ExecuteApiUrls.local(apiUrl, cloud.endpoint()) + "/notes?limit=1");
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                HttpRequest get = HttpRequest.newBuilder(notes).timeout(Duration.ofSeconds(60)).build();

                long t0 = System.nanoTime();
                HttpResponse<String> first = http.send(get, HttpResponse.BodyHandlers.ofString());
                System.out.printf("cold: first GET /notes answered %d in %d ms%n", first.statusCode(), (System.nanoTime() - t0) / 1_000_000);

                for (int i = 0; i < 50; i++) http.send(get, HttpResponse.BodyHandlers.discarding()); // warm-up
                long[] micros = new long[requests];
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    HttpResponse<Void> r = http.send(get, HttpResponse.BodyHandlers.discarding());
                    micros[i] = (System.nanoTime() - s) / 1_000;
                    if (r.statusCode() != 200) throw new IllegalStateException("request " + i + " answered " + r.statusCode());
                }
                Arrays.sort(micros);
                System.out.printf("warm: %d GET /notes: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", requests,
                        micros[requests / 2] / 1000.0, micros[(int) (requests * 0.99)] / 1000.0, micros[requests - 1] / 1000.0);
                workerMemory().forEach(line -> System.out.println("worker " + line));
            }
        }
    }

    private static void awaitStatus(java.util.function.Supplier<String> status, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String now;
        while (!(now = status.get()).equals(wanted)) {
            if (now.contains("FAILED") || now.contains("ROLLBACK") || System.nanoTime() > deadline) {
                throw new IllegalStateException("Expected " + wanted + ", got " + now);
            }
            Thread.sleep(20);
        }
    }

    private static Parameter parameter(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    /** Resident memory of this JVM's child worker JVMs, from /proc (Linux). */
    private static List<String> workerMemory() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("AWSLambda"))
                .map(p -> "pid " + p.pid() + ": " + rss(p.pid()))
                .toList();
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst().map(l -> l.substring(6).trim()).orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
