package dev.crossdeploy.report.html;

import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack set rollout's page model, fed as the rollout's polls feed it, and the page it renders. */
class StackSetReportTest {
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    static final String REASON = "Account 900000000002 should have 'AWSCloudFormationStackSetExecutionRole' role with trust"
            + " relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.";
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    static Instant at(long millis) { return T0.plusMillis(millis); }

    /**
     * Four teams, at most two at once, no failure tolerated: team-01 succeeds, team-02 fails, team-03
     * was running and team-04 never left PENDING when CloudFormation stopped the operation, team-05
     * was never started by crossdeploy.
     */
    static StackSetReport failedRollout(Path dir) {
        StackSetReport r = new StackSetReport(dir, "teams", Clock.fixed(at(60_000), ZoneOffset.UTC));
        for (int i = 1; i <= 5; i++) r.stage("team-0" + i, "90000000000" + i, "us-east-1");
        r.stackSet("orders-teams", "MaxConcurrentCount 2, FailureToleranceCount 0");
        r.started(at(0));
        r.artifact("orders/" + SHA + ".zip", SHA);
        List<String> keys = List.of("900000000001/us-east-1", "900000000002/us-east-1", "900000000003/us-east-1",
                "900000000004/us-east-1");
        r.operationStarted("op-1", "CreateStackInstances", keys, at(1_000));
        poll(r, 1_500, "RUNNING", "RUNNING", "PENDING", "PENDING");
        poll(r, 3_000, "SUCCEEDED", "RUNNING", "RUNNING", "PENDING");
        poll(r, 4_000, "SUCCEEDED", "FAILED", "RUNNING", "PENDING");
        poll(r, 6_000, "SUCCEEDED", "FAILED", "RUNNING", "PENDING");
        r.operationEnded("op-1", "FAILED", at(6_000));
        r.outcome("900000000003", "us-east-1", "CANCELLED", "Cancelled since failure tolerance has exceeded");
        r.outcome("900000000004", "us-east-1", "CANCELLED", "Cancelled since failure tolerance has exceeded");
        r.outcome("900000000005", "us-east-1", "NOT_STARTED", "not started: 1 accounts failed in us-east-1");
        r.failed("Stack set orders-teams rollout to group teams failed in 1 of 5 accounts: team-02 (900000000002, us-east-1): "
                + REASON + "; 3 not deployed (team-03, team-04, team-05). Fix the cause and run deploy-stack-set -Dstage=teams again.");
        r.ended(at(7_000));
        return r;
    }

    private static void poll(StackSetReport r, long millis, String... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            r.instanceStatus("op-1", "90000000000" + (i + 1), "us-east-1", statuses[i], statuses[i].equals("FAILED") ? REASON : null,
                    at(millis));
        }
    }

    @Test
    void eachInstanceRunsFromThePollThatSawItRunningElseTheOperationsStartToThePollThatSawItEnd() {
        RolloutReport report = failedRollout(dir).report();

        assertThat(report.instances()).extracting(InstanceRow::stage, InstanceRow::status, InstanceRow::start, InstanceRow::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("team-01", "SUCCEEDED", at(1_500), at(3_000)),
                        org.assertj.core.groups.Tuple.tuple("team-02", "FAILED", at(1_500), at(4_000)),
                        org.assertj.core.groups.Tuple.tuple("team-03", "CANCELLED", at(3_000), at(6_000)),
                        org.assertj.core.groups.Tuple.tuple("team-04", "CANCELLED", at(1_000), at(6_000)),
                        org.assertj.core.groups.Tuple.tuple("team-05", "NOT_STARTED", null, null));
        assertThat(report.bars()).extracting(Bar::logicalId, Bar::type, Bar::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("team-01", "900000000001 us-east-1", Outcome.COMPLETE),
                org.assertj.core.groups.Tuple.tuple("team-02", "900000000002 us-east-1", Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("team-03", "900000000003 us-east-1", Outcome.ROLLED_BACK),
                org.assertj.core.groups.Tuple.tuple("team-04", "900000000004 us-east-1", Outcome.ROLLED_BACK));
        assertThat(report.duration()).isEqualTo(Duration.ofSeconds(7));
        assertThat(report.operations()).containsExactly(new RolloutReport.Operation("op-1", "CreateStackInstances", "FAILED"));
    }

    @Test
    void anInstanceInTwoOperationsGetsOneBarFromItsFirstStartToItsLastEnd() {
        StackSetReport r = new StackSetReport(dir, "teams", Clock.systemUTC());
        r.stage("team-01", "900000000001", "us-east-1");
        r.operationStarted("update-set", "UpdateStackSet", List.of("900000000001/us-east-1"), at(0));
        r.instanceStatus("update-set", "900000000001", "us-east-1", "RUNNING", null, at(100));
        r.instanceStatus("update-set", "900000000001", "us-east-1", "SUCCEEDED", null, at(900));
        r.instanceStatus("update-set", "900000000001", "us-east-1", "SUCCEEDED", null, at(1_200));
        r.operationEnded("update-set", "SUCCEEDED", at(1_200));
        r.operationStarted("overrides", "UpdateStackInstances (new overrides)", List.of("900000000001/us-east-1"), at(1_300));
        r.instanceStatus("overrides", "900000000001", "us-east-1", "RUNNING", null, at(1_400));
        r.instanceStatus("overrides", "900000000001", "us-east-1", "SUCCEEDED", null, at(2_000));
        r.operationEnded("overrides", "SUCCEEDED", at(2_100));

        assertThat(r.report().bars()).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(at(100));
            assertThat(b.end()).as("a later poll repeating SUCCEEDED does not move the end").isEqualTo(at(2_000));
            assertThat(b.outcome()).isEqualTo(Outcome.COMPLETE);
        });
    }

    @Test
    void thePageShowsTheFailedAccountsReasonFirstThenTheStackSetThenTheAccountsFailedFirst() {
        String page = RolloutPage.render(failedRollout(dir).report(), at(60_000));

        assertThat(page).startsWith("<!DOCTYPE html>")
                .contains("<h1>Deployment report: teams (stack set orders-teams)</h1>",
                        "<div class=\"root-cause\" id=\"root-cause-team-02\"><strong>Stage team-02 (900000000002, us-east-1) failed."
                                + " Reason:</strong><code>" + Html.escape(REASON) + "</code></div>",
                        "<tr><th>Stack set</th><td>orders-teams</td></tr>", "<tr><th>Result</th><td class=\"failed\">FAILED</td></tr>",
                        "<tr><th>Operations</th><td>CreateStackInstances op-1 FAILED</td></tr>",
                        "<tr><th>Preferences</th><td>MaxConcurrentCount 2, FailureToleranceCount 0</td></tr>",
                        "<tr><th>Artifact SHA-256</th><td>" + SHA + "</td></tr>",
                        "<tr><th>Artifact key</th><td>orders/" + SHA + ".zip</td></tr>",
                        "<tr id=\"instance-team-02\"><td>team-02</td><td>900000000002</td><td>us-east-1</td><td class=\"failed\">FAILED</td>",
                        "<td class=\"ok\">SUCCEEDED</td><td></td><td>1.50s</td></tr>",
                        "<td class=\"failed\">NOT_STARTED</td><td>not started: 1 accounts failed in us-east-1</td><td>-</td></tr>",
                        "aria-label=\"Timeline of stack instances\"", "<g class=\"bar outcome-failed\">",
                        "fill=\"" + Outcome.FAILED.colour() + "\"", "fill=\"" + Outcome.COMPLETE.colour() + "\"");
        assertThat(page.indexOf("class=\"root-cause\"")).isLessThan(page.indexOf("<table class=\"facts\">"));
        assertThat(page.indexOf("instance-team-02")).as("failed first").isLessThan(page.indexOf("instance-team-03"));
        assertThat(page.indexOf("instance-team-03")).isLessThan(page.indexOf("instance-team-05"));
        assertThat(page.indexOf("instance-team-05")).as("succeeded last").isLessThan(page.indexOf("instance-team-01"));
        assertThat(page).as("a stack set has no deleted resources to explain").doesNotContain(Outcome.DELETED.label());
        assertThat(page.split("<g class=\"bar ", -1)).as("one bar per instance that ran").hasSize(5);
    }

    @Test
    void aRolloutRefusedBeforeAnyOperationGetsAPageSayingWhy() throws Exception {
        StackSetReport r = new StackSetReport(dir, "teams", Clock.systemUTC());
        r.stage("prod", "444444444444", "us-east-1");
        r.stackSet("teams", "MaxConcurrentCount 1 (default)");
        r.failed("Group 'teams' holds protected stage prod, which a stack set deploys only when explicitly allowed: <...>");

        Path page = r.write(new RecordingReporter()).orElseThrow();

        assertThat(page).isEqualTo(dir.resolve("teams-report.html"));
        assertThat(Files.readString(page)).contains("<div class=\"root-cause\" id=\"root-cause\"><strong>The rollout failed:</strong>"
                        + "<code>Group &#39;teams&#39; holds protected stage prod, which a stack set deploys only when explicitly allowed: &lt;...&gt;</code></div>",
                "<tr><th>Operations</th><td>none</td></tr>", "<td class=\"failed\">NOT_STARTED</td>")
                .doesNotContain("<svg");
    }

    @Test
    void aRolloutThatRecordedNoStageWritesNoPage() {
        assertThat(new StackSetReport(dir, "teams", Clock.systemUTC()).write(new RecordingReporter())).isEmpty();
        assertThat(StackSetReport.unused().write(new RecordingReporter())).isEmpty();
        assertThat(dir.resolve("teams-report.html")).doesNotExist();
    }
}
