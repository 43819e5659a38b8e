package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.CloudRequestCounter;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How many calls waiting for a stack costs, counted where they arrive: at the local cloud.
 * One DescribeStackEvents a poll (its newest page shows the stack's own final event), the
 * stack described once at the end for its outputs, and fewer polls while nothing moves.
 */
class StackWaitingCallsTest {
    private static final String EXECUTION_ROLE = "crossdeploy-cfn-execution";
    private static final CloudRequestCounter counter = new CloudRequestCounter();
    private static LocalCloud cloud;
    private static CloudFormationClient cfn;

    @TempDir
    Path dir;

    private final RecordingReporter reporter = new RecordingReporter();

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).module(state -> counter).start();
        var account = cloud.account("staging");
        cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        cfn.close();
        cloud.close();
    }

    @BeforeEach
    void reset() {
        cloud.reset();
        String accountId = cloud.accountId("staging");
        cloud.state().iam().createRole(accountId, EXECUTION_ROLE, "/", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", null, 3600);
        cloud.state().iam().putRolePolicy(accountId, EXECUTION_ROLE, "admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }

    @Test
    void eachPollIsOneDescribeStackEventsAndTheStackIsDescribedOnceAtTheEnd() throws Exception {
        cloud.state().resourceDelayMillis(60);
        Timing fast = Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(40));

        DeployResult result = new StackDeployer(cfn, TemplateUploader.none(), reporter, fast).deploy(request(chain(13), Duration.ofMinutes(2)));

        assertThat(result.status()).isEqualTo("CREATE_COMPLETE");
        List<String> requests = counter.requests();
        assertThat(requests.subList(0, requests.indexOf("cloudformation ExecuteChangeSet")))
                .as("before executing: the stack looked up once, nothing read again to place the event cursor")
                .containsExactly("cloudformation DescribeStacks", "cloudformation CreateChangeSet", "cloudformation DescribeChangeSet");
        List<String> waiting = afterExecute(requests);
        // The last call reads the settled stack (for its outputs); every poll before it is one call.
        assertThat(waiting).last().isEqualTo("cloudformation DescribeStacks");
        List<String> polls = waiting.subList(0, waiting.size() - 1);
        assertThat(polls).as("one DescribeStackEvents a poll, nothing else").allMatch(r -> r.equals("cloudformation DescribeStackEvents"));
        assertThat(polls).as("the polls needed no page but the newest").noneMatch(r -> r.endsWith("NextToken"));
        // 13 resources and the stack, each IN_PROGRESS and COMPLETE: all printed, each once.
        assertThat(reporter.messages()).filteredOn(l -> l.contains("AWS::") && l.endsWith("CREATE_COMPLETE")).hasSize(14);
    }

    @Test
    void aStackThatDoesNotMoveIsPolledLessOftenThanOneThatDoes() throws Exception {
        ManualClock clock = new ManualClock();
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        Timing real = Timing.real();
        Timing manual = new Timing(clock, d -> { sleeps.add(d); clock.advance(d); }, real.firstPoll(), real.maxPoll(),
                real.heartbeat(), real.idlePoll());
        cloud.state().resourceDelayMillis(5_000);

        assertThatThrownBy(() -> new StackDeployer(cfn, TemplateUploader.none(), reporter, manual)
                .deploy(request(chain(1), Duration.ofMinutes(3))))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Timed out after");

        List<String> waiting = afterExecute(counter.requests());
        assertThat(sleeps).as("polls back off to the idle interval").contains(real.idlePoll()).allSatisfy(d ->
                assertThat(d).isLessThanOrEqualTo(real.idlePoll().plus(real.idlePoll().dividedBy(2))));
        // Under three minutes of waiting on a stack that did not move: half the 40 calls a minute of a moving one.
        assertThat(waiting.size()).as("calls in up to three minutes of waiting: %s", waiting).isLessThanOrEqualTo(3 * 20);
        assertThat(waiting).filteredOn(r -> r.equals("cloudformation DescribeStacks"))
                .as("a wait on its own operation describes the stack after its first quiet 6 s, then once a heartbeat")
                .hasSizeLessThanOrEqualTo(7);
    }

    @Test
    void aNoChangeRedeployReadsTheStackOnceAndStillPublishesItsOutputs() throws Exception {
        String template = chain(1) + "Outputs:\n  Group:\n    Value: !Ref Logs1\n";
        new StackDeployer(cfn, TemplateUploader.none(), reporter, Timing.real()).deploy(request(template, Duration.ofMinutes(2)));

        DeployResult again = new StackDeployer(cfn, TemplateUploader.none(), reporter, Timing.real()).deploy(request(template, Duration.ofMinutes(2)));

        assertThat(again.changed()).isFalse();
        assertThat(again.outputs()).containsOnlyKeys("Group");
        assertThat(counter.requests()).as("the stack read before the change set serves for its outputs")
                .containsExactly("cloudformation DescribeStacks", "cloudformation CreateChangeSet", "cloudformation DescribeChangeSet",
                        "cloudformation DeleteChangeSet", "cloudformation ListChangeSets");
    }

    private static List<String> afterExecute(List<String> requests) {
        int execute = requests.indexOf("cloudformation ExecuteChangeSet");
        assertThat(execute).as("ExecuteChangeSet in %s", requests).isNotNegative();
        return new ArrayList<>(requests.subList(execute + 1, requests.size()));
    }

    private DeployRequest request(String template, Duration timeout) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, template);
        String accountId = cloud.accountId("staging");
        Stage stage = new Stage("staging", accountId, cloud.region(), null, "arn:aws:iam::" + accountId + ":role/" + EXECUTION_ROLE,
                "crossdeploy-artifacts-" + accountId + "-" + cloud.region(), "", null, null, Map.of(), Map.of(), false, List.of(), null);
        counter.reset();
        return new DeployRequest(stage, "waiting-stack", file, null, null, Set.of(), false, timeout, dir);
    }

    /** {@code n} log groups, each depending on the one before, so they are created one after another. */
    static String chain(int n) {
        StringBuilder t = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
        for (int i = 1; i <= n; i++) {
            t.append("  Logs").append(i).append(":\n    Type: AWS::Logs::LogGroup\n");
            if (i > 1) t.append("    DependsOn: Logs").append(i - 1).append('\n');
            t.append("    Properties: {RetentionInDays: 7}\n");
        }
        return t.toString();
    }
}
