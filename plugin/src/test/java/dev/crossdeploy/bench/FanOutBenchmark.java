package dev.crossdeploy.bench;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.stack.StackDeployer;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Fan-out in process: the wall time of one deploy (first deploy of a small stack: AssumeRole,
 * GetCallerIdentity, change set, wait) into 1 account and into N accounts through
 * {@link StageFanOut}, each account with its own deploy role, on a local cloud of N+1 accounts.
 * It leaves out the JVM and Maven start, which a fan-out pays once.
 *
 * <pre>java -cp $CP dev.crossdeploy.bench.FanOutBenchmark [accounts=10] [parallel=4] [runs=3] [delayMs=300]</pre>
 */
public final class FanOutBenchmark {
    private static final String TEMPLATE = """
            Parameters:
              Stage: {Type: String}
            Resources:
              Greeting:
                Type: AWS::SSM::Parameter
                Properties: {Type: String, Name: !Sub '/${AWS::StackName}/${Stage}/greeting', Value: hello}
              Logs:
                Type: AWS::Logs::LogGroup
                Properties: {RetentionInDays: 7}
            """;

    private static final Reporter ERRORS_ONLY = new Reporter() {
        @Override public void info(String line) {}
        @Override public void warn(String line) {}
        @Override public void error(String line) { System.err.println(line); }
    };

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : StageFanOut.DEFAULT_PARALLEL;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long delay = args.length > 3 ? Long.parseLong(args[3]) : 300;
        Path dir = Files.createTempDirectory("fan-out-benchmark");
        Path config = dir.resolve("cloud.yaml");
        Files.writeString(config, cloudYaml(accounts, delay));
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, TEMPLATE);
        try (LocalCloud cloud = LocalCloud.builder().port(0).config(CloudConfig.load(config)).start()) {
            var pipeline = cloud.account("pipeline");
            AwsSettings settings = new AwsSettings(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(pipeline.accessKeyId(), pipeline.secretAccessKey())), cloud.endpoint(), true);
            List<Stage> stages = IntStream.rangeClosed(1, accounts).mapToObj(i -> stage(cloud, "team-" + i)).toList();
            System.out.printf("first deploy of a 2-resource stack, %d ms per resource, parallel %d%n", delay, parallel);
            List<Long> one = new ArrayList<>();
            List<Long> many = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                // Interleaved, each with fresh stacks and fresh sessions: both pay the same first deploy.
                one.add(time(new StageFanOut(parallel, ERRORS_ONLY), stages.subList(0, 1), settings, template, dir, "one-" + run));
                many.add(time(new StageFanOut(parallel, ERRORS_ONLY), stages, settings, template, dir, "many-" + run));
                System.out.printf("run %d: T(1) %.2f s, T(%d) %.2f s%n", run, one.get(run - 1) / 1000.0, accounts, many.get(run - 1) / 1000.0);
            }
            long t1 = median(one);
            long tn = median(many);
            System.out.printf("median: T(1) %.2f s, T(%d) %.2f s, T(%d)/T(1) = %.2f%n", t1 / 1000.0, accounts, tn / 1000.0,
                    accounts, (double) tn / t1);
        }
    }

    private static long time(StageFanOut fanOut, List<Stage> stages, AwsSettings settings, Path template, Path dir, String run) {
        long start = System.nanoTime();
        fanOut.run(stages, (stage, reporter) -> {
            try (AccountSession session = AccountSession.open(stage, settings, "crossdeploy-" + stage.name(), reporter)) {
                return new StackDeployer(session.cloudFormation(), TemplateUploader.none(), reporter, Timing.real())
                        .deploy(new DeployRequest(stage, run + "-" + stage.name(), template, null, null, Set.of(), false,
                                Duration.ofMinutes(10), dir)).changes().size();
            }
        });
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Stage stage(LocalCloud cloud, String name) {
        String id = cloud.accountId(name);
        return new Stage(name, id, cloud.region(), "arn:aws:iam::" + id + ":role/crossdeploy-deploy",
                "arn:aws:iam::" + id + ":role/crossdeploy-cfn-exec", "crossdeploy-artifacts-" + id + "-" + cloud.region(),
                "", null, null, Map.of("Stage", name), Map.of(), false, List.of(), null);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** A pipeline account and {@code n} deployment accounts, each with the bootstrap stack's two roles. */
    private static String cloudYaml(int n, long delay) {
        StringBuilder y = new StringBuilder("region: us-east-1\nresourceDelayMillis: " + delay + "\naccounts:\n"
                + "  - {name: pipeline, id: \"111111111111\", accessKeyId: AKIAPIPELINE11111111, secretAccessKey: pipeline/secret/key}\n");
        for (int i = 1; i <= n; i++) {
            y.append(String.format("  - {name: team-%d, id: \"%012d\", accessKeyId: AKIATEAM%012d, secretAccessKey: team/secret/key/%d}%n",
                    i, 900_000_000_000L + i, i, i));
        }
        y.append("roles:\n");
        for (int i = 1; i <= n; i++) {
            y.append(String.format("""
                      - account: team-%1$d
                        name: crossdeploy-deploy
                        trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:root"}, Action: "sts:AssumeRole"}]}
                        policies: {all: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}
                      - account: team-%1$d
                        name: crossdeploy-cfn-exec
                        trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: cloudformation.amazonaws.com}, Action: "sts:AssumeRole"}]}
                        policies: {all: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}
                    """, i));
        }
        return y.toString();
    }
}
