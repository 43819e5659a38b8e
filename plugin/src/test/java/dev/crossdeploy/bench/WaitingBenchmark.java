package dev.crossdeploy.bench;

import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.stack.StackDeployer;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.CloudRequestCounter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waiting on a stack, measured where it costs: the calls that reach the (in-process) local
 * cloud per minute of waiting, and how long after the stack's final event the deployment
 * returned. A create of 13 log groups, each depending on the one before, each taking
 * {@code delayMs} (1 s: bench/run.sh --quick; 3 s: its full run), with the engine's real timing.
 *
 * <p>Two counts a run: "broad" as bench/run.sh counts, every DescribeStackEvents and
 * DescribeStacks of the deployment over the time from the stack's first event (the CREATE
 * change set's REVIEW_IN_PROGRESS) to the deployment's return (bench/run.sh counts to the end of
 * the Maven process, a few tenths of a second later, so its figure comes out a little lower);
 * and "from execute", every call after ExecuteChangeSet over the time from it to the return.
 *
 * <pre>java -cp $CP dev.crossdeploy.bench.WaitingBenchmark [runs=3] [delaysMs=1000,3000] [resources=13]</pre>
 */
public final class WaitingBenchmark {
    private static final String ROLE = "crossdeploy-cfn-execution";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Long> delays = Arrays.stream((args.length > 1 ? args[1] : "1000,3000").split(",")).map(Long::parseLong).toList();
        int resources = args.length > 2 ? Integer.parseInt(args[2]) : 13;
        for (long delay : delays) run(runs, delay, resources);
    }

    private static void run(int runs, long delay, int resources) throws Exception {
        CloudRequestCounter counter = new CloudRequestCounter();
        Path dir = Files.createTempDirectory("waiting-benchmark");
        try (LocalCloud cloud = LocalCloud.builder().port(0).resourceDelayMillis(delay).module(s -> counter).start()) {
            String account = cloud.accountId("staging");
            cloud.state().iam().createRole(account, ROLE, "/", """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", null, 3600);
            cloud.state().iam().putRolePolicy(account, ROLE, "admin",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
            var keys = cloud.account("staging");
            try (CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint())
                    .region(Region.of(cloud.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                    .build()) {
                Path template = dir.resolve("template.yaml");
                Files.writeString(template, chain(resources));
                Stage stage = new Stage("bench", account, cloud.region(), null, "arn:aws:iam::" + account + ":role/" + ROLE,
                        "crossdeploy-artifacts-" + account + "-" + cloud.region(), "", null, null, Map.of(), Map.of(), false, List.of(), null);
                System.out.printf("create of %d chained resources, %d ms each, real timing%n", resources, delay);
                for (int run = 1; run <= runs; run++) {
                    String name = "waiting-" + delay + "-" + run;
                    counter.reset();
                    new StackDeployer(cfn, TemplateUploader.none(), Reporter.silent(), Timing.real())
                            .deploy(new DeployRequest(stage, name, template, null, null, Set.of(), false, Duration.ofMinutes(10), dir));
                    Instant returned = Instant.now();
                    List<String> requests = counter.requests();
                    List<Instant> arrivals = counter.arrivals();
                    int execute = requests.indexOf("cloudformation ExecuteChangeSet");
                    long polls = requests.stream().filter(r -> r.startsWith("cloudformation DescribeStackEvents")
                            || r.startsWith("cloudformation DescribeStacks")).count();
                    List<StackEvent> events = cfn.describeStackEvents(b -> b.stackName(name)).stackEvents();
                    List<StackEvent> own = events.stream().filter(e -> name.equals(e.logicalResourceId())).toList();
                    Instant first = own.get(own.size() - 1).timestamp();
                    StackEvent last = own.get(0);
                    Duration broad = Duration.between(first, returned);
                    int calls = requests.size() - execute - 1;
                    Duration waited = Duration.between(arrivals.get(execute), returned);
                    System.out.printf("run %d: broad %d calls in %.1f s = %.1f/min; from execute %d calls in %.1f s = %.1f/min;"
                                    + " returned %d ms after the stack's final event (%s)%n",
                            run, polls, broad.toMillis() / 1000.0, polls * 60_000.0 / broad.toMillis(),
                            calls, waited.toMillis() / 1000.0, calls * 60_000.0 / waited.toMillis(),
                            Duration.between(last.timestamp(), returned).toMillis(), last.resourceStatusAsString());
                    if (System.getProperty("bench.calls") != null) {
                        for (int i = 0; i < requests.size(); i++) {
                            System.out.printf("  %6d ms %s%n", Duration.between(arrivals.get(execute), arrivals.get(i)).toMillis(), requests.get(i));
                        }
                    }
                }
            }
        }
    }

    private static String chain(int n) {
        StringBuilder t = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
        for (int i = 1; i <= n; i++) {
            t.append("  Logs").append(i).append(":\n    Type: AWS::Logs::LogGroup\n");
            if (i > 1) t.append("    DependsOn: Logs").append(i - 1).append('\n');
            t.append("    Properties: {RetentionInDays: 7}\n");
        }
        return t.toString();
    }
}
