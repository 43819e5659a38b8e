package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.report.html.Outcome;
import dev.crossdeploy.report.html.StackSetReport;
import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stage.StageResolver;
import dev.crossdeploy.testing.HeadlessChromium;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.TestZips;
import dev.crossdeploy.testing.TimelineScreenshot;
import dev.crossdeploy.upload.UploadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The page of a real stack set rollout to the local cloud with one failed account, opened in
 * headless Chromium: what a person sees is the failed account's reason and a red bar beside the
 * green ones.
 */
class StackSetReportInBrowserTest {
    @RegisterExtension
    static StackSetAccounts cloud = new StackSetAccounts(3);

    @TempDir
    Path dir;

    @Test
    void aRolloutWithOneFailedAccountShowsItsReasonAndARedBarBesideTheGreenOnes() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        Path build = Files.createDirectories(dir.resolve("target"));
        Path zip = TestZips.of(build.resolve("orders.zip"), Map.of("release.txt", "release 1".getBytes()));
        String sha = Sha256.hexOf(zip);
        new ArtifactManifest(zip, sha, Files.size(zip), null, "com.example", "orders", "1.0").write(ArtifactManifest.locationIn(build));
        Path template = Files.writeString(dir.resolve("template.yaml"), StackSetRolloutTest.TEMPLATE);
        Path stages = dir.resolve("crossdeploy-stages.yaml");
        StackSetAccounts.write(stages, """
                stages:
                  - {name: team-01, accountId: "900000000001", region: us-east-1}
                  - {name: team-02, accountId: "900000000002", region: us-east-1}
                  - {name: team-03, accountId: "900000000003", region: us-east-1}
                groups:
                  teams: {stages: [team-01, team-02, team-03], stackSet: {maxConcurrent: 3, failureTolerance: 1}}
                """);
        cloud.removeStackSetRole(2);
        StageResolver resolver = new StageResolver(List.of(), stages);
        StackSetRequest request = new StackSetRequest(resolver.stackSetGroup("teams"), "orders-teams", template,
                ParameterNames.DEFAULTS, Set.of(), false, build, UploadOptions.DEFAULTS, Duration.ofMinutes(2), 3);
        RecordingReporter lines = new RecordingReporter();
        StackSetReport report = new StackSetReport(build.resolve("crossdeploy"), "teams", Clock.systemUTC());

        try {
            assertThatThrownBy(() -> new StackSetRollout(cloud.pipelineSettings(), resolver, lines, StackSetRolloutTest.fastPolls())
                    .recordingTo(report).roll(request))
                    .isInstanceOf(CrossdeployException.class).hasMessageStartingWith("Stack set orders-teams rollout to group teams"
                            + " failed in 1 of 3 accounts: team-02");
        } finally {
            assertThat(report.write(lines)).contains(build.resolve("crossdeploy/teams-report.html"));
        }

        Path page = report.file();
        String reason = "Account 900000000002 should have 'AWSCloudFormationStackSetExecutionRole' role with trust"
                + " relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.";
        String dom = TimelineScreenshot.unescape(chromium.dumpDom(page));
        assertThat(dom).contains("Stage team-02 (900000000002, us-east-1) failed. Reason:</strong><code>" + reason + "</code>",
                "<td>team-02</td><td>900000000002</td><td>us-east-1</td><td class=\"failed\">FAILED</td><td>" + reason + "</td>",
                ">team-01</text>", ">900000000003 us-east-1</text>", sha);

        BufferedImage shot = chromium.screenshot(page, 1280, 1600);
        Rectangle plot = TimelineScreenshot.plotArea(shot);
        assertThat(TimelineScreenshot.pixels(shot, plot, Outcome.FAILED.colour())).as("red pixels of team-02's bar in the timeline")
                .isGreaterThan(50);
        assertThat(TimelineScreenshot.pixels(shot, plot, Outcome.COMPLETE.colour())).as("green pixels of team-01's and team-03's bars")
                .isGreaterThan(100);
    }
}
