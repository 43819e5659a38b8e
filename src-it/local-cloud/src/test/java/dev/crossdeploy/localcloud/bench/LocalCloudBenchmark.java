package dev.crossdeploy.localcloud.bench;

import dev.crossdeploy.localcloud.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints how fast the local cloud starts and how many DescribeStackEvents calls it serves per
 * second through the real SDK. Not a test: run it by hand (see BENCHMARKS.md).
 * Arguments: [threads=4] [seconds=10].
 */
public final class LocalCloudBenchmark {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;

        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            try (LocalCloud cloud = LocalCloud.builder().port(0).start()) {
                starts.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        System.out.printf("start (in-process, ms, 5 runs, first is a cold JVM): %s%n", starts);

        try (LocalCloud cloud = LocalCloud.builder().port(0).resourceDelayMillis(0).start()) {
            var a = cloud.account("staging");
            CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint())
                    .region(Region.US_EAST_1)
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(threads * 2))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
                    .build();
            String template = """
                    {"Resources":{"A":{"Type":"AWS::SSM::Parameter","Properties":{"Type":"String","Value":"a"}},
                                  "B":{"Type":"AWS::SSM::Parameter","Properties":{"Type":"String","Value":"b"}}}}""";
            cfn.createChangeSet(r -> r.stackName("bench").changeSetName("c1").changeSetType("CREATE").templateBody(template));
            cfn.waiter().waitUntilChangeSetCreateComplete(r -> r.stackName("bench").changeSetName("c1"));
            cfn.executeChangeSet(r -> r.stackName("bench").changeSetName("c1"));
            cfn.waiter().waitUntilStackCreateComplete(r -> r.stackName("bench"));
            int events = cfn.describeStackEvents(r -> r.stackName("bench")).stackEvents().size();

            for (int i = 0; i < 200; i++) cfn.describeStackEvents(r -> r.stackName("bench")); // warm-up
            AtomicLong calls = new AtomicLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        cfn.describeStackEvents(r -> r.stackName("bench"));
                        calls.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
            pool.shutdown();
            System.out.printf("DescribeStackEvents (%d events per answer, %d client threads, %d s): %d calls, %.0f calls/s%n",
                    events, threads, seconds, calls.get(), calls.get() / (double) seconds);
            System.out.println("stack status: " + cfn.describeStacks(r -> r.stackName("bench")).stacks().get(0).stackStatus()
                    + " (expected " + StackStatus.CREATE_COMPLETE + ")");
        }
    }
}
