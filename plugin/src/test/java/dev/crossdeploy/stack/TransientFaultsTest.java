package dev.crossdeploy.stack;

import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.nio.file.Path;
import java.util.List;

import static dev.crossdeploy.stack.EngineRuns.template;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudFormation calls that fail several times in a row, or whose answer is lost after the write
 * happened: the SDK's retries carry the deploy, and the request tokens make a retried write
 * take effect once.
 */
class TransientFaultsTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    @TempDir
    Path dir;

    EngineRuns runs;
    final RecordingReporter reporter = new RecordingReporter();

    @BeforeEach
    void runs() { runs = new EngineRuns(cloud, dir); }

    void fail(int times, String action, FaultKind kind) {
        cloud.cloud().state().faults().add(FaultRule.next(times, "cloudformation", action, kind));
    }

    List<StackEvent> stackEvents(String status) {
        return cloud.cfn().describeStackEventsPaginator(b -> b.stackName(EngineRuns.STACK)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals(EngineRuns.STACK) && status.equals(e.resourceStatusAsString())).toList();
    }

    @Test
    void threeFaultsInARowOnEveryWriteAndPollDoNotFailTheDeploy() {
        fail(3, "CreateChangeSet", FaultKind.THROTTLE);
        fail(3, "DescribeChangeSet", FaultKind.UNAVAILABLE);
        fail(3, "ExecuteChangeSet", FaultKind.INTERNAL_ERROR);
        fail(3, "DescribeStacks", FaultKind.DROP_CONNECTION);
        fail(3, "DescribeStackEvents", FaultKind.UNAVAILABLE);

        assertThat(runs.deploy(template("one"), reporter).status()).isEqualTo("CREATE_COMPLETE");
        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(15);
    }

    @Test
    void writesRetriedAfterTheirAnswerWasLostTakeEffectOnce() {
        fail(1, "CreateChangeSet", FaultKind.LOSE_RESPONSE);
        fail(1, "ExecuteChangeSet", FaultKind.LOSE_RESPONSE);

        assertThat(runs.deploy(template("one"), reporter).status()).isEqualTo("CREATE_COMPLETE");

        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(2);
        assertThat(stackEvents("CREATE_IN_PROGRESS")).singleElement()
                .satisfies(e -> assertThat(e.clientRequestToken()).startsWith("crossdeploy-execute-"));
        assertThat(runs.changeSets()).isZero();
    }

    @Test
    void aDeleteStackRetriedAfterItsAnswerWasLostDeletesOnce() {
        String stackId = runs.deploy(template("one"), new RecordingReporter()).stackId();
        fail(1, "DeleteStack", FaultKind.LOSE_RESPONSE);

        assertThat(runs.delete(reporter)).isTrue();

        assertThat(cloud.cloud().state().faults().fired()).isEqualTo(1);
        assertThat(reporter.messages()).endsWith("Stack orders-staging deleted");
        assertThat(cloud.cfn().describeStackEventsPaginator(b -> b.stackName(stackId)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals(EngineRuns.STACK) && "DELETE_IN_PROGRESS".equals(e.resourceStatusAsString())))
                .singleElement().satisfies(e -> assertThat(e.clientRequestToken()).startsWith("crossdeploy-delete-"));
    }
}
