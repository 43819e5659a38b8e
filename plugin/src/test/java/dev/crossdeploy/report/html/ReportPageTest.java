package dev.crossdeploy.report.html;

import dev.crossdeploy.report.ChangeSetTable;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPageTest {
    static final Instant WRITTEN = Instant.parse("2026-11-30T10:05:00Z");
    static final String CAUSE = "Table (AWS::DynamoDB::Table) CREATE_FAILED: KeySchema names an attribute that is not defined";
    static final List<ChangeSetTable.Change> CHANGES = List.of(
            new ChangeSetTable.Change("Add", "Role", "AWS::IAM::Role", "", ""),
            new ChangeSetTable.Change("Modify", "Table", "AWS::DynamoDB::Table", "True", "Properties: TableName (replaces)"));

    @TempDir
    Path dir;

    static StageReport failed() {
        return new StageReport("qa", "333333333333", "eu-west-1", "orders-qa", "ROLLBACK_COMPLETE", true, Duration.ofMillis(20_400),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "s3://crossdeploy-artifacts-333333333333-eu-west-1/orders/9f86.zip",
                CHANGES, TimelineTest.FAILED_CREATE, CAUSE);
    }

    static StageReport succeeded(String stage) {
        return new StageReport(stage, "222222222222", "us-east-1", "orders-" + stage, "UPDATE_COMPLETE", true, Duration.ofMillis(10_000),
                "9f86d081", "s3://bucket/orders/9f86.zip", CHANGES, TimelineTest.UPDATE, null);
    }

    @Test
    void aFailedDeploymentShowsItsRootCauseBeforeAnythingElse() {
        String page = ReportPage.render("qa", List.of(failed()), WRITTEN);

        assertThat(page).startsWith("<!DOCTYPE html>")
                .contains("<div class=\"root-cause\" id=\"root-cause-qa\"><strong>Stage qa failed. Root cause:</strong><code>" + CAUSE + "</code></div>")
                .contains("<td class=\"failed\">FAILED (ROLLBACK_COMPLETE)</td>")
                .contains("<tr><th>Account</th><td>333333333333</td></tr>", "<tr><th>Region</th><td>eu-west-1</td></tr>",
                        "<tr><th>Stack</th><td>orders-qa</td></tr>", "<tr><th>Duration</th><td>20.4 s</td></tr>",
                        "<tr><th>Artifact SHA-256</th><td>9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</td></tr>",
                        "<tr><th>Artifact key</th><td>s3://crossdeploy-artifacts-333333333333-eu-west-1/orders/9f86.zip</td></tr>");
        assertThat(page.indexOf("class=\"root-cause\"")).isLessThan(page.indexOf("<table class=\"facts\">"));
    }

    @Test
    void theChangeSetHasTheConsolesRowsWithTheWhyColumn() {
        String page = ReportPage.render("qa", List.of(failed()), WRITTEN);

        assertThat(page).contains("<tr><th>Action</th><th>Logical ID</th><th>Type</th><th>Replacement</th><th>Why</th></tr>",
                "<tr><td>Add</td><td>Role</td><td>AWS::IAM::Role</td><td></td><td></td></tr>",
                "<tr><td>Modify</td><td>Table</td><td>AWS::DynamoDB::Table</td><td>True</td><td>Properties: TableName (replaces)</td></tr>");
    }

    @Test
    void thePageIsSelfContained() {
        String page = ReportPage.render("qa", List.of(failed()), WRITTEN);

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("src=", "<link", "url(", "@import", "http://", "https://")
                .contains("<style>", "<svg class=\"timeline\"");
    }

    @Test
    void aDeploymentWithoutChangesSaysSo() {
        StageReport none = new StageReport("qa", "333333333333", "eu-west-1", "orders-qa", "UPDATE_COMPLETE", false, Duration.ofSeconds(3),
                "9f86", "s3://b/k.zip", List.of(), List.of(), null);

        String page = ReportPage.render("qa", List.of(none), WRITTEN);

        assertThat(page).contains("<td class=\"ok\">NO CHANGES</td>",
                        "No changes: the stack already matched the template and parameters; nothing was deployed.")
                .doesNotContain("class=\"root-cause\"", "<h3>Change set</h3>", "<svg");
    }

    @Test
    void aFanOutPageHasTheSummaryAndOneSectionPerStage() {
        String page = ReportPage.render("staging+qa", List.of(succeeded("staging"), failed()), WRITTEN);

        assertThat(page).contains("<h1>Deployment report: staging+qa</h1>",
                "<tr><td><a href=\"#stage-staging\">staging</a></td><td>222222222222 (us-east-1)</td><td class=\"ok\">UPDATE_COMPLETE</td><td>10.0 s</td><td>2</td></tr>",
                "<tr><td><a href=\"#stage-qa\">qa</a></td><td>333333333333 (eu-west-1)</td><td class=\"failed\">FAILED (ROLLBACK_COMPLETE)</td><td>20.4 s</td><td>-</td></tr>",
                "<section id=\"stage-staging\">", "<section id=\"stage-qa\">", "Stage qa failed. Root cause:");
        assertThat(page.indexOf("Stage qa failed")).isLessThan(page.indexOf("<h2>Summary</h2>"));
    }

    @Test
    void everyValueFromTheDeploymentIsEscaped() {
        String hostile = "<img src=x onerror=alert(1)>";
        StageReport s = new StageReport("qa", "333333333333", "eu-west-1", "orders-qa", "CREATE_FAILED", true, Duration.ZERO, "sha", "s3://b/" + hostile,
                List.of(new ChangeSetTable.Change("Add", hostile, "AWS::X", "", "\"quoted\" & 'single'")),
                List.of(new ResourceEvent(WRITTEN, hostile, "AWS::X", "CREATE_FAILED", hostile)), "Root " + hostile);

        String page = ReportPage.render(hostile, List.of(s), WRITTEN);

        assertThat(page).doesNotContain(hostile, "'single'", "\"quoted\"")
                .contains("&lt;img src=x onerror=alert(1)&gt;", "&quot;quoted&quot; &amp; &#39;single&#39;");
    }

    @Test
    void theReportIsNamedAfterTheStageTheGroupOrTheStagesJoined() {
        assertThat(DeployReport.name("qa", List.of("qa"))).isEqualTo("qa");
        assertThat(DeployReport.name("eu", List.of("qa-eu", "prod-eu"))).isEqualTo("eu");
        assertThat(DeployReport.name("a, b,c", List.of("a", "b", "c"))).isEqualTo("a+b+c");
        assertThat(DeployReport.name("../../etc", List.of("x", "y"))).isEqualTo(".._.._etc");
    }

    @Test
    void aStageThatThrowsIsReportedWithItsMessageAndTheRunStillWritesThePage() throws Exception {
        Clock clock = Clock.fixed(WRITTEN, ZoneOffset.UTC);
        DeployReport report = new DeployReport(dir.resolve("target/crossdeploy"), "qa", List.of("qa"), clock);

        assertThatThrownBy(() -> report.track("qa", "333333333333", "eu-west-1", record -> {
            throw new IllegalStateException("Stage qa: the stack drifted");
        })).hasMessage("Stage qa: the stack drifted");
        RecordingReporter log = new RecordingReporter();

        assertThat(report.write(log)).contains(dir.resolve("target/crossdeploy/qa-report.html"));
        assertThat(Files.readString(report.file())).contains("<code>Stage qa: the stack drifted</code>", "<td class=\"failed\">FAILED</td>");
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void aPageThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        Path blocked = Files.writeString(dir.resolve("target"), "a file where the directory should be");
        DeployReport report = new DeployReport(blocked.resolve("crossdeploy"), "qa", List.of("qa"), Clock.systemUTC());
        report.track("qa", "333333333333", "eu-west-1", record -> 0);
        RecordingReporter log = new RecordingReporter();

        assertThat(report.write(log)).isEmpty();
        assertThat(log.lines()).singleElement().asString()
                .startsWith("WARN Could not write the deployment report " + blocked.resolve("crossdeploy/qa-report.html") + ": ");
    }
}
