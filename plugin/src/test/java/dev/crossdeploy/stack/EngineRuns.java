package dev.crossdeploy.stack;

import dev.crossdeploy.localcloud.faults.Holds;
import dev.crossdeploy.testing.RecordingReporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.Map;

/** Engine runs against a {@link StackCloud} for tests that interleave or kill them: one template file per run. */
final class EngineRuns {
    static final String STACK = "orders-staging";
    static final Timing FAST = Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(200));

    private final StackCloud cloud;
    private final Path dir;
    private int files;

    EngineRuns(StackCloud cloud, Path dir) {
        this.cloud = cloud;
        this.dir = dir;
    }

    /** A template with one SSM parameter holding {@code value} and a log group. */
    static String template(String value) {
        return "Parameters:\n  Stage: {Type: String}\n  ArtifactKey: {Type: String}\nResources:\n"
                + "  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: 7}\n"
                + "  Greeting:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: " + value + "}\n";
    }

    /** {@link #template} plus a table whose key names an attribute it does not define: CloudFormation fails to create it. */
    static String failing(String value) {
        return template(value) + "  Table:\n    Type: AWS::DynamoDB::Table\n    DependsOn: Greeting\n    Properties:\n"
                + "      BillingMode: PAY_PER_REQUEST\n"
                + "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n"
                + "      KeySchema: [{AttributeName: missing, KeyType: HASH}]\n";
    }

    DeployRequest request(String template) {
        try {
            Path run = Files.createDirectories(dir.resolve("run" + (++files)));
            Path file = Files.writeString(run.resolve("template.yaml"), template);
            return new DeployRequest(cloud.stage("staging", Map.of(), false), STACK, file, StackDeployerTest.ARTIFACT,
                    null, Set.of(), false, Duration.ofMinutes(2), run.resolve("out"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    DeployResult deploy(String template, RecordingReporter reporter) {
        return new StackDeployer(cloud.cfn(), TemplateUploader.none(), reporter, FAST).deploy(request(template));
    }

    boolean delete(RecordingReporter reporter) {
        return new StackDeleter(cloud.cfn(), reporter, FAST).delete(
                new DeleteRequest(cloud.stage("staging", Map.of(), false), STACK, Duration.ofMinutes(2)));
    }

    Holds.Hold hold(String action) {
        return cloud.cloud().state().holds().next("cloudformation", action);
    }

    String status() {
        return cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatusAsString();
    }

    String deployedGreeting() {
        return cloud.cfn().getTemplate(b -> b.stackName(STACK)).templateBody();
    }

    int changeSets() {
        return cloud.cfn().listChangeSets(b -> b.stackName(STACK)).summaries().size();
    }

    /** Polls a condition the cloud reaches asynchronously, for at most twenty seconds. */
    static void waitFor(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError(what + " not reached within 20s");
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
