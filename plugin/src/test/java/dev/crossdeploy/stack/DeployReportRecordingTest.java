package dev.crossdeploy.stack;

import dev.crossdeploy.report.ChangeSetTable;
import dev.crossdeploy.report.html.DeployReport;
import dev.crossdeploy.report.html.StageRecord;
import dev.crossdeploy.report.html.StageReport;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a real deployment feeds its report: the change set with its Why column, the operation's events, no changes. */
class DeployReportRecordingTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    @TempDir
    Path dir;

    final RecordingReporter reporter = new RecordingReporter();
    final Stage qa = cloud.stage("qa", Map.of("DbPassword", DeployReportInBrowserTest.SECRET), false);

    StageRecord deploy(String template) throws Exception {
        Path file = Files.writeString(dir.resolve("template.yaml"), template);
        StageRecord record = new StageRecord(qa.name(), qa.accountId(), qa.region());
        new StackDeployer(cloud.cfn(), TemplateUploader.none(), reporter, EngineRuns.FAST).recordingTo(record)
                .deploy(new DeployRequest(qa, "orders-qa", file, StackDeployerTest.ARTIFACT, ParameterNames.DEFAULTS,
                        Set.of(), false, Duration.ofMinutes(2), dir.resolve("target/crossdeploy")));
        return record;
    }

    @Test
    void anUpdateRecordsTheConsolesChangeSetRowsAndOnlyItsOwnEvents() throws Exception {
        deploy(DeployReportInBrowserTest.template(false));
        StageReport update = deploy(DeployReportInBrowserTest.template(false).replace("Value: hello", "Value: bonjour")).report();

        assertThat(update.result()).isEqualTo("UPDATE_COMPLETE");
        assertThat(update.stackName()).isEqualTo("orders-qa");
        assertThat(update.artifactSha256()).isEqualTo(StackDeployerTest.ARTIFACT.sha256());
        assertThat(update.artifact()).isEqualTo("s3://" + StackDeployerTest.ARTIFACT.bucket() + "/" + StackDeployerTest.ARTIFACT.key());
        assertThat(update.changes()).containsExactly(
                new ChangeSetTable.Change("Modify", "Greeting", "AWS::SSM::Parameter", "False", "Properties: Value"));
        assertThat(reporter.messages()).contains("  Modify  Greeting    AWS::SSM::Parameter  False        Properties: Value");
        assertThat(update.events()).allSatisfy(e -> assertThat(e.status()).startsWith("UPDATE_"))
                .extracting(e -> e.logicalId()).contains("orders-qa", "Greeting").doesNotContain("Logs");
    }

    @Test
    void aDeploymentWithoutChangesWritesAPageSayingSo() throws Exception {
        deploy(DeployReportInBrowserTest.template(false));
        DeployReport report = new DeployReport(dir.resolve("target/crossdeploy"), "qa", List.of("qa"), Clock.systemUTC());
        Path file = Files.writeString(dir.resolve("template.yaml"), DeployReportInBrowserTest.template(false));

        report.track(qa.name(), qa.accountId(), qa.region(), record -> new StackDeployer(cloud.cfn(), TemplateUploader.none(), reporter,
                EngineRuns.FAST).recordingTo(record).deploy(new DeployRequest(qa, "orders-qa", file, StackDeployerTest.ARTIFACT,
                ParameterNames.DEFAULTS, Set.of(), false, Duration.ofMinutes(2), dir.resolve("target/crossdeploy"))));

        assertThat(report.write(reporter)).isPresent();
        assertThat(Files.readString(report.file()))
                .contains("<td class=\"ok\">NO CHANGES</td>", "No changes: the stack already matched the template and parameters")
                .doesNotContain("<svg", "Root cause", DeployReportInBrowserTest.SECRET);
    }
}
