package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.localcloud.logs.LogsModule;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.TestZips;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * outputs, drift, delete-stack and mark-verified with {@code -Dstage=a,b}, a group or {@code all}:
 * each stage in its own account, a summary, failures that leave the others finished, and
 * delete-stack's refusals before any deletion.
 */
class FanOutGoalsMojoTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    static final List<String> ACCOUNTS = FanOutBuild.ACCOUNTS;
    /** A log group per stage, which a test can delete behind the stack's back. */
    static final String TEMPLATE = """
            Parameters:
              Stage: {Type: String}
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub '/orders/${Stage}'
            Outputs:
              LogGroup: {Value: !Ref Logs}
            """;

    @TempDir
    Path dir;

    FanOutBuild build;
    MavenProject project;
    List<String> log;

    @BeforeEach
    void project() throws Exception {
        build = new FanOutBuild(cloud, dir, TEMPLATE);
        project = build.project;
        log = build.log;
    }

    <M extends AbstractStageMojo> M configure(M mojo, String stageList) {
        return build.configure(mojo, stageList, p -> {});
    }

    void deployed(String stageList) throws Exception {
        DeployStackMojo mojo = configure(new DeployStackMojo() {
            @Override protected AwsSettings awsSettings() { return build.settings(); }
        }, stageList);
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.timeout = "PT5M";
        mojo.execute();
        log.clear();
    }

    OutputsMojo outputs(String stageList) {
        OutputsMojo mojo = configure(new OutputsMojo() {
            @Override protected AwsSettings awsSettings() { return build.settings(); }
        }, stageList);
        mojo.buildDirectory = dir.resolve("target").toFile();
        return mojo;
    }

    DriftMojo drift(String stageList) {
        return configure(new DriftMojo() {
            @Override protected AwsSettings awsSettings() { return build.settings(); }
        }, stageList);
    }

    DeleteStackMojo delete(String stageList) {
        DeleteStackMojo mojo = configure(new DeleteStackMojo() {
            @Override protected AwsSettings awsSettings() { return build.settings(); }
        }, stageList);
        mojo.timeout = "PT5M";
        return mojo;
    }

    MarkVerifiedMojo markVerified(String stageList) throws Exception {
        Files.createDirectories(dir.resolve("target"));
        Path zip = TestZips.of(dir.resolve("target/orders-api-1.0-lambda.zip"), Map.of("README", new byte[] {1}));
        new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), null, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(dir.resolve("target")));
        MarkVerifiedMojo mojo = configure(new MarkVerifiedMojo() {
            @Override protected AwsSettings awsSettings() { return build.settings(); }
        }, stageList);
        mojo.buildDirectory = dir.resolve("target").toFile();
        return mojo;
    }

    List<String> stacksIn(String account) {
        try (CloudFormationClient cfn = cloud.root(account).cloudFormation()) {
            return cfn.describeStacks().stacks().stream().filter(s -> !"DELETE_COMPLETE".equals(s.stackStatusAsString()))
                    .map(Stack::stackName).toList();
        }
    }

    List<String> summary() {
        return log.stream().filter(l -> !l.startsWith("INFO [") && !l.startsWith("WARN [") && !l.startsWith("ERROR [")).toList();
    }

    @Test
    void outputsOfSeveralStagesArePublishedUnderEachStagesName() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).withoutBucket().apply());
        deployed("staging,qa");

        outputs("staging,qa").execute();

        for (String stage : List.of("staging", "qa")) {
            assertThat(project.getProperties().getProperty("crossdeploy.output." + stage + ".LogGroup")).isEqualTo("/orders/" + stage);
            assertThat(dir.resolve("target/crossdeploy/" + stage + "-outputs.json")).content().contains("/orders/" + stage);
            assertThat(log).contains("INFO [" + stage + "] Outputs of stack orders-api-" + stage + ":");
        }
        assertThat(summary()).hasSize(3);
        assertThat(summary().get(0)).isEqualTo("INFO Stage    Account                   Result  Duration  Outputs");
        assertThat(summary().get(2)).matches("INFO qa       333333333333 \\(us-east-1\\)  OK      \\d+\\.\\d s     1");
    }

    @Test
    void outputsOfAStageThatFailsLeaveTheOthersPublishedAndFailTheBuildNamingIt() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).withoutBucket().apply());
        deployed("staging");

        assertThatThrownBy(outputs("staging,qa")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Failed in 1 of 2 stages: qa; the other stages finished. See the lines starting with [qa]"
                        + " above, fix the cause and rerun with -Dstage=qa.");

        assertThat(log).contains("ERROR [qa] Stack orders-api-qa does not exist in stage qa; deploy it first (deploy-stack -Dstage=qa)");
        assertThat(project.getProperties().getProperty("crossdeploy.output.staging.LogGroup")).isEqualTo("/orders/staging");
        assertThat(summary()).anySatisfy(l -> assertThat(l).matches("INFO qa       333333333333 \\(us-east-1\\)  FAILED  \\d+\\.\\d s     -"));
    }

    @Test
    void driftOfSeveralStagesIsReportedPerStageWithTheDriftedCountInTheSummary() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).withoutBucket().apply());
        deployed("staging,qa");
        cloud.cloud().state().module(LogsModule.class).store().deleteGroup(cloud.accountId("qa"), cloud.region(), "/orders/qa");

        drift("staging,qa").execute();

        assertThat(log).contains("INFO [staging] Stack orders-api-staging in stage staging is in sync with its template",
                "WARN [qa] Stack orders-api-qa in stage qa has drifted from its template:");
        assertThat(summary()).containsExactly("INFO Stage    Account                   Result  Duration  Drifted",
                summary().get(1), summary().get(2));
        assertThat(summary().get(1)).matches("INFO staging  222222222222 \\(us-east-1\\)  OK      \\d+\\.\\d s     0");
        assertThat(summary().get(2)).matches("INFO qa       333333333333 \\(us-east-1\\)  OK      \\d+\\.\\d s     1");
    }

    @Test
    void driftOfAStageThatFailsLeavesTheOthersReportedAndFailsTheBuildNamingIt() throws Exception {
        cloud.seed("staging").withoutBucket().apply();
        cloud.seed("qa").withoutBucket().apply();
        deployed("staging,qa");
        // prod has no deploy role: its AssumeRole fails. A protected stage may be named by itself in a list.

        assertThatThrownBy(drift("staging,prod,qa")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Failed in 1 of 3 stages: prod; the other stages finished. See the lines starting with [prod]"
                        + " above, fix the cause and rerun with -Dstage=prod.");

        assertThat(log).contains("INFO [staging] Stack orders-api-staging in stage staging is in sync with its template",
                "INFO [qa] Stack orders-api-qa in stage qa is in sync with its template");
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("ERROR [prod] Access denied assuming deploy role"));
        assertThat(summary()).anySatisfy(l -> assertThat(l).matches("INFO prod     444444444444 \\(us-east-1\\)  FAILED  \\d+\\.\\d s     -"));
    }

    @Test
    void deletingAStageThatFailsLeavesTheOthersDeletedAndFailsTheBuildNamingIt() throws Exception {
        cloud.seed("staging").withoutBucket().apply();
        deployed("staging");
        // qa has no deploy role: its AssumeRole fails.

        assertThatThrownBy(delete("qa,staging")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Failed in 1 of 2 stages: qa; the other stages finished. See the lines starting with [qa]"
                        + " above, fix the cause and rerun with -Dstage=qa.");

        assertThat(stacksIn("staging")).isEmpty();
        assertThat(summary()).anySatisfy(l -> assertThat(l).matches("INFO staging  222222222222 \\(us-east-1\\)  OK      \\d+\\.\\d s     1"));
    }

    @Test
    void deletingSeveralStagesChecksEveryRefusalBeforeTheFirstDeletion() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).withoutBucket().apply());
        deployed("staging,qa");
        deployed("prod");

        assertThatThrownBy(delete("staging,qa,prod")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Refused in 1 of 3 stages: prod; nothing was written to any account. See the lines starting"
                        + " with [prod] above, fix the cause or leave those stages out of -Dstage.");

        assertThat(log).containsExactly("ERROR [prod] Refused: stage prod is protected and crossdeploy does not delete its stacks;"
                + " delete stack orders-api-prod by hand if you really mean it");
        ACCOUNTS.forEach(a -> assertThat(stacksIn(a)).as(a).containsExactly("orders-api-" + a));
    }

    @Test
    void deletingAllDeletesEveryUnprotectedStagesStackAndLeavesProtectedOnes() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).withoutBucket().apply());
        deployed("staging,qa");
        deployed("prod");

        delete("all").execute();

        assertThat(stacksIn("staging")).isEmpty();
        assertThat(stacksIn("qa")).isEmpty();
        assertThat(stacksIn("prod")).containsExactly("orders-api-prod");
        assertThat(log).noneSatisfy(l -> assertThat(l).contains("[prod]"));
        assertThat(summary()).hasSize(3).first().isEqualTo("INFO Stage    Account                   Result  Duration  Changes");
        assertThat(summary().get(1)).matches("INFO staging  222222222222 \\(us-east-1\\)  OK      \\d+\\.\\d s     1");
    }

    @Test
    void markVerifiedRecordsThePassInEveryListedStageAndNamesTheOneThatFailed() throws Exception {
        cloud.seed("staging").apply();
        cloud.seed("qa").apply();
        // prod has no deploy role: its AssumeRole fails.

        assertThatThrownBy(markVerified("staging,qa,prod")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Failed in 1 of 3 stages: prod; the other stages finished. See the lines starting with [prod]"
                        + " above, fix the cause and rerun with -Dstage=prod.");

        for (String stage : List.of("staging", "qa")) {
            try (S3Client s3 = cloud.root(stage).s3()) {
                assertThat(s3.listObjectsV2(b -> b.bucket("crossdeploy-artifacts-" + cloud.accountId(stage) + "-" + cloud.region()))
                        .contents()).as(stage).singleElement().satisfies(o -> assertThat(o.key()).contains("orders-api"));
            }
            assertThat(log).anySatisfy(l -> assertThat(l).startsWith("INFO [" + stage + "] Recorded that orders-api sha256 "));
        }
        assertThat(summary()).anySatisfy(l -> assertThat(l).matches("INFO prod     444444444444 \\(us-east-1\\)  FAILED  \\d+\\.\\d s     -"));
    }
}
