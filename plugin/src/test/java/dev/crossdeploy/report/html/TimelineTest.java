package dev.crossdeploy.report.html;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimelineTest {
    static final String STACK = "orders-qa";
    static final String STACK_TYPE = "AWS::CloudFormation::Stack";
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    static ResourceEvent at(long seconds, String id, String type, String status, String reason) {
        return new ResourceEvent(T0.plusSeconds(seconds), id, type, status, reason);
    }

    static ResourceEvent stack(long seconds, String status) {
        return at(seconds, STACK, STACK_TYPE, status, null);
    }

    /** A first deployment whose table fails: the role completes, the queue is cancelled, everything rolls back. */
    static final List<ResourceEvent> FAILED_CREATE = List.of(
            stack(0, "CREATE_IN_PROGRESS"),
            at(1, "Role", "AWS::IAM::Role", "CREATE_IN_PROGRESS", null),
            at(2, "Table", "AWS::DynamoDB::Table", "CREATE_IN_PROGRESS", null),
            at(3, "Queue", "AWS::SQS::Queue", "CREATE_IN_PROGRESS", null),
            at(11, "Role", "AWS::IAM::Role", "CREATE_COMPLETE", null),
            at(12, "Table", "AWS::DynamoDB::Table", "CREATE_FAILED", "KeySchema names an attribute that is not defined"),
            at(12, "Queue", "AWS::SQS::Queue", "CREATE_FAILED", "Resource creation cancelled"),
            stack(13, "ROLLBACK_IN_PROGRESS"),
            at(14, "Role", "AWS::IAM::Role", "DELETE_IN_PROGRESS", null),
            at(16, "Role", "AWS::IAM::Role", "DELETE_COMPLETE", null),
            at(17, "Table", "AWS::DynamoDB::Table", "DELETE_COMPLETE", null),
            at(17, "Queue", "AWS::SQS::Queue", "DELETE_COMPLETE", null),
            stack(20, "ROLLBACK_COMPLETE"));

    /** An update that adds a function, changes the table and removes an old topic. */
    static final List<ResourceEvent> UPDATE = List.of(
            stack(0, "UPDATE_IN_PROGRESS"),
            at(0, "Function", "AWS::Lambda::Function", "CREATE_IN_PROGRESS", null),
            at(5, "Function", "AWS::Lambda::Function", "CREATE_COMPLETE", null),
            at(5, "Table", "AWS::DynamoDB::Table", "UPDATE_IN_PROGRESS", null),
            at(8, "Table", "AWS::DynamoDB::Table", "UPDATE_COMPLETE", null),
            stack(8, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
            at(9, "Topic", "AWS::SNS::Topic", "DELETE_IN_PROGRESS", null),
            at(10, "Topic", "AWS::SNS::Topic", "DELETE_COMPLETE", null),
            stack(10, "UPDATE_COMPLETE"));

    @Test
    void oneBarPerResourceFromItsFirstInProgressToItsFinalEventWithoutTheStackItself() {
        Timeline timeline = new Timeline(FAILED_CREATE, STACK);

        assertThat(timeline.bars()).extracting(Bar::logicalId).containsExactly("Role", "Table", "Queue");
        Bar role = timeline.bars().get(0);
        assertThat(role.type()).isEqualTo("AWS::IAM::Role");
        assertThat(role.start()).isEqualTo(T0.plusSeconds(1));
        assertThat(role.end()).isEqualTo(T0.plusSeconds(16));
        assertThat(role.duration()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void barsArePlacedOnTheAxisByTheirTimestamps() {
        // The operation spans 20 s (the stack's own first and last events) over the plot's width.
        Timeline timeline = new Timeline(FAILED_CREATE, STACK);
        double perSecond = Timeline.PLOT_WIDTH / 20.0;

        double[] role = timeline.span(timeline.bars().get(0));
        assertThat(role[0]).isCloseTo(Timeline.PLOT_X + 1 * perSecond, within(0.001));
        assertThat(role[1]).isCloseTo(15 * perSecond, within(0.001));
        double[] table = timeline.span(timeline.bars().get(1));
        assertThat(table[0]).isCloseTo(Timeline.PLOT_X + 2 * perSecond, within(0.001));
        assertThat(table[0] + table[1]).isCloseTo(Timeline.PLOT_X + 17 * perSecond, within(0.001));
        assertThat(timeline.svg()).contains("<rect x=\"" + String.format(java.util.Locale.ROOT, "%.1f", Timeline.PLOT_X + perSecond)
                + "\" y=\"12\" width=\"" + String.format(java.util.Locale.ROOT, "%.1f", 15 * perSecond) + "\" height=\"18\" fill=\"#f9a825\"/>");
    }

    @Test
    void anInstantChangeStillGetsAVisibleBar() {
        Timeline timeline = new Timeline(List.of(stack(0, "UPDATE_IN_PROGRESS"),
                at(4, "Param", "AWS::SSM::Parameter", "UPDATE_COMPLETE", null), stack(10, "UPDATE_COMPLETE")), STACK);

        double[] bar = timeline.span(timeline.bars().get(0));
        assertThat(bar[1]).isEqualTo(Timeline.MIN_BAR);
        assertThat(bar[0]).isCloseTo(Timeline.PLOT_X + 0.4 * Timeline.PLOT_WIDTH, within(0.001));
    }

    @Test
    void theFailedResourceIsRedTheCancelledAndRolledBackOnesAmber() {
        Timeline timeline = new Timeline(FAILED_CREATE, STACK);

        assertThat(timeline.bars()).extracting(Bar::logicalId, Bar::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Role", Outcome.ROLLED_BACK),
                org.assertj.core.groups.Tuple.tuple("Table", Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("Queue", Outcome.ROLLED_BACK));
        String svg = timeline.svg();
        assertThat(svg).contains("fill=\"#c62828\"", "fill=\"#f9a825\"").doesNotContain("fill=\"#2e7d32\"");
    }

    @Test
    void createdAndUpdatedResourcesAreGreenARemovedOneGrey() {
        Timeline timeline = new Timeline(UPDATE, STACK);

        assertThat(timeline.bars()).extracting(Bar::logicalId, Bar::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Function", Outcome.COMPLETE),
                org.assertj.core.groups.Tuple.tuple("Table", Outcome.COMPLETE),
                org.assertj.core.groups.Tuple.tuple("Topic", Outcome.DELETED));
        assertThat(Outcome.COMPLETE.colour()).isEqualTo("#2e7d32");
        assertThat(Outcome.DELETED.colour()).isEqualTo("#9e9e9e");
    }

    @Test
    void eachBarIsLabelledWithLogicalIdTypeAndDuration() {
        String svg = new Timeline(UPDATE, STACK).svg();

        assertThat(svg).contains(">Function</text>", ">AWS::Lambda::Function</text>", ">5.00s</text>",
                ">Table</text>", ">AWS::DynamoDB::Table</text>", ">3.00s</text>",
                "<title>Topic (AWS::SNS::Topic) deleted, 1.00s</title>");
    }

    @Test
    void theAxisHasRoundTicksAcrossTheOperation() {
        Timeline timeline = new Timeline(FAILED_CREATE, STACK);

        assertThat(timeline.stepMillis()).isEqualTo(5_000);
        assertThat(timeline.svg()).contains(">0s</text>", ">5s</text>", ">10s</text>", ">15s</text>", ">20s</text>");
        assertThat(Timeline.tick(90_000, 30_000)).isEqualTo("90s");
        assertThat(Timeline.tick(120_000, 60_000)).isEqualTo("2m");
        assertThat(Timeline.tick(250, 50)).isEqualTo("0.25s");
        assertThat(Timeline.duration(Duration.ofSeconds(75))).isEqualTo("1m15s");
    }

    @Test
    void namesAndReasonsAreEscaped() {
        Timeline timeline = new Timeline(List.of(stack(0, "CREATE_IN_PROGRESS"),
                at(1, "<script>alert(1)</script>", "Custom::\"Thing\"&Co", "CREATE_IN_PROGRESS", null),
                at(2, "<script>alert(1)</script>", "Custom::\"Thing\"&Co", "CREATE_COMPLETE", null),
                stack(3, "CREATE_COMPLETE")), STACK);

        String svg = timeline.svg();
        assertThat(svg).doesNotContain("<script>", "\"Thing\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Custom::&quot;Thing&quot;&amp;Co");
    }
}
