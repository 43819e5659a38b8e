package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.html.DeployReport;
import dev.crossdeploy.report.html.Outcome;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.HeadlessChromium;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.TimelineScreenshot;
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
 * The deployment report of real deployments to the local cloud, opened in headless Chromium:
 * what a person sees is the root cause as the console printed it and the timeline's bars.
 */
class DeployReportInBrowserTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    static final String SECRET = "noecho-value-7f3a9c";

    /** A NoEcho parameter, a log group and a parameter that complete, and (failing) a table keyed on an undefined attribute. */
    static String template(boolean failing) {
        String t = """
                Parameters:
                  Stage: {Type: String}
                  ArtifactKey: {Type: String}
                  DbPassword: {Type: String, NoEcho: true}
                Resources:
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {RetentionInDays: 7}
                  Greeting:
                    Type: AWS::SSM::Parameter
                    Properties: {Type: String, Value: hello}
                """;
        return failing ? t + """
                  Table:
                    Type: AWS::DynamoDB::Table
                    DependsOn: Greeting
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: missing, KeyType: HASH}]
                """ : t;
    }

    @TempDir
    Path dir;

    final RecordingReporter reporter = new RecordingReporter();

    /** Deploys {@code template} to stage qa as deploy-stack does and returns the written page. */
    Path deployAndReport(String template) throws Exception {
        Stage qa = cloud.stage("qa", Map.of("DbPassword", SECRET), false);
        Path file = Files.writeString(dir.resolve("template.yaml"), template);
        DeployRequest request = new DeployRequest(qa, "orders-qa", file, StackDeployerTest.ARTIFACT, ParameterNames.DEFAULTS,
                Set.of(), false, Duration.ofMinutes(2), dir.resolve("target/crossdeploy"));
        DeployReport report = new DeployReport(dir.resolve("target/crossdeploy"), "qa", List.of("qa"), Clock.systemUTC());
        try {
            report.track(qa.name(), qa.accountId(), qa.region(), record -> new StackDeployer(cloud.cfn(), TemplateUploader.none(),
                    reporter, EngineRuns.FAST).recordingTo(record).deploy(request));
        } finally {
            assertThat(report.write(reporter)).contains(dir.resolve("target/crossdeploy/qa-report.html"));
        }
        return report.file();
    }

    @Test
    void aFailedDeploymentsPageShowsTheRootCauseAndTheFailedResourcesRedBar() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        assertThatThrownBy(() -> deployAndReport(template(true))).isInstanceOf(CrossdeployException.class);
        Path page = dir.resolve("target/crossdeploy/qa-report.html");
        String printed = reporter.messages().stream().filter(l -> l.startsWith("Root cause: ")).findFirst()
                .orElseThrow().substring("Root cause: ".length());
        assertThat(printed).startsWith("Table (AWS::DynamoDB::Table) CREATE_FAILED: ");

        String dom = TimelineScreenshot.unescape(chromium.dumpDom(page));
        assertThat(dom).contains("Stage qa failed. Root cause:</strong><code>" + printed + "</code>",
                "FAILED (ROLLBACK_COMPLETE)", StackDeployerTest.ARTIFACT.sha256(),
                ">Table</text>", ">AWS::DynamoDB::Table</text>");
        assertThat(Files.readString(page)).doesNotContain(SECRET);

        BufferedImage shot = chromium.screenshot(page, 1280, 2400);
        Rectangle plot = TimelineScreenshot.plotArea(shot);
        assertThat(TimelineScreenshot.pixels(shot, plot, Outcome.FAILED.colour())).as("red pixels of the failed table's bar in the timeline").isGreaterThan(50);
        assertThat(TimelineScreenshot.pixels(shot, plot, Outcome.ROLLED_BACK.colour())).as("amber pixels of the rolled back resources' bars").isGreaterThan(50);
    }

    @Test
    void aSuccessfulDeploymentsPageShowsGreenBarsAndNoRootCause() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        Path page = deployAndReport(template(false));

        String dom = TimelineScreenshot.unescape(chromium.dumpDom(page));
        assertThat(dom).contains("CREATE_COMPLETE", "<td>Add</td><td>Logs</td><td>AWS::Logs::LogGroup</td>", ">Greeting</text>")
                .doesNotContain("Root cause", SECRET);

        BufferedImage shot = chromium.screenshot(page, 1280, 2400);
        Rectangle plot = TimelineScreenshot.plotArea(shot);
        assertThat(TimelineScreenshot.pixels(shot, plot, Outcome.COMPLETE.colour())).as("green pixels of the created resources' bars in the timeline").isGreaterThan(50);
        assertThat(TimelineScreenshot.pixels(shot, plot, Outcome.FAILED.colour())).as("red pixels in the timeline of a successful deployment").isZero();
    }
}
