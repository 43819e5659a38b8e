package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.testing.TestZips;
import dev.crossdeploy.testing.LocalCloudFixture;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code deploy-stack -Dstage=staging,qa,prod}: every stage deployed into its own account, in parallel, with one summary. */
class FanOutMojoTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    static final List<String> ACCOUNTS = FanOutBuild.ACCOUNTS;

    @TempDir
    Path dir;

    FanOutBuild build;
    MavenProject project;
    List<String> log;

    @BeforeEach
    void project() throws Exception {
        build = new FanOutBuild(cloud, dir, StackMojosTest.TEMPLATE);
        project = build.project;
        log = build.log;
    }

    <M extends AbstractStageMojo> M configure(M mojo, String stageList, boolean prodNeedsStaging) {
        return build.configure(mojo, stageList, p -> {
            if (prodNeedsStaging && p.name.equals("prod")) p.setRequireVerifiedIn("staging");
        });
    }

    DeployStackMojo deploy(String stageList) {
        DeployStackMojo mojo = configure(new DeployStackMojo() {
            @Override protected AwsSettings awsSettings() { return build.settings(); }
        }, stageList, false);
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.timeout = "PT5M";
        return mojo;
    }

    UploadToAccountMojo upload(String stageList) throws Exception {
        Files.createDirectories(dir.resolve("target/crossdeploy"));
        Path zip = TestZips.of(dir.resolve("target/orders-api-1.0-lambda.zip"), Map.of("README", new byte[] {1}));
        Path template = dir.resolve("target/crossdeploy/template.yaml");
        Files.writeString(template, StackMojosTest.TEMPLATE);
        new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), template, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(dir.resolve("target")));
        UploadToAccountMojo mojo = configure(new UploadToAccountMojo() {
            @Override protected AwsSettings awsSettings() { return build.settings(); }
        }, stageList, true);
        mojo.multipartThreshold = "16777216";
        mojo.partSize = "8388608";
        mojo.uploadThreads = "4";
        return mojo;
    }

    List<String> objectsIn(String account) {
        try (S3Client s3 = cloud.root(account).s3()) {
            return s3.listObjectsV2(b -> b.bucket("crossdeploy-artifacts-" + cloud.accountId(account) + "-" + cloud.region()))
                    .contents().stream().map(o -> o.key()).toList();
        }
    }

    @Test
    void theSameArtifactIsUploadedToEveryListedStage() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).apply());

        upload("staging,qa").execute();

        assertThat(objectsIn("staging")).isNotEmpty().isEqualTo(objectsIn("qa"));
        assertThat(objectsIn("prod")).isEmpty();
        assertThat(log).anySatisfy(l -> assertThat(l).matches("INFO staging  222222222222 \\(us-east-1\\)  OK      \\d+\\.\\d s     1"));
    }

    @Test
    void aListNeverBypassesTheVerificationGateAndNothingIsWrittenAnywhere() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).apply());

        assertThatThrownBy(upload("staging,qa,prod")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Refused in 1 of 3 stages: prod; nothing was written to any account. See the lines starting"
                        + " with [prod] above, fix the cause or leave those stages out of -Dstage.");

        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("ERROR [prod] Refusing to deploy orders-api sha256 ")
                .endsWith(" to prod: it has not passed the integration tests in staging; no artifact of orders-api has"
                        + " passed there yet. Deploy and test this artifact in staging first."));
        ACCOUNTS.forEach(a -> assertThat(objectsIn(a)).as(a).isEmpty());
    }

    @Test
    void everyListedStageIsDeployedIntoItsOwnAccountOnly() throws Exception {
        ACCOUNTS.forEach(a -> cloud.seed(a).withoutBucket().apply());

        deploy("staging,qa,prod").execute();

        for (String account : ACCOUNTS) {
            try (CloudFormationClient cfn = cloud.root(account).cloudFormation()) {
                var stack = cfn.describeStacks(b -> b.stackName("orders-api-" + account)).stacks().get(0);
                assertThat(stack.roleARN()).isEqualTo("arn:aws:iam::" + cloud.accountId(account) + ":role/crossdeploy-cfn-exec");
                for (String other : ACCOUNTS) {
                    if (other.equals(account)) continue;
                    assertThatThrownBy(() -> cfn.describeStacks(b -> b.stackName("orders-api-" + other)))
                            .as("%s's stack in %s's account", other, account).isInstanceOf(CloudFormationException.class);
                }
            }
            // Each stage acted as its own account's deploy role, named for that stage.
            assertThat(log).contains("INFO [" + account + "] Stage " + account + ": account " + cloud.accountId(account) + " ("
                    + cloud.region() + ") as arn:aws:sts::" + cloud.accountId(account) + ":assumed-role/crossdeploy-deploy/crossdeploy-" + account);
            assertThat(project.getProperties().getProperty("crossdeploy.output." + account + ".TableName")).isEqualTo("orders-" + account);
        }
        assertThat(log).contains("INFO [qa] Stack orders-api-qa is CREATE_COMPLETE");
        // One deployment report for the run: a section per stage.
        Path report = dir.resolve("target/crossdeploy/staging+qa+prod-report.html");
        assertThat(log).contains("INFO Deployment report: " + report);
        assertThat(Files.readString(report)).contains("<h2>Summary</h2>", "<section id=\"stage-staging\">", "<section id=\"stage-qa\">", "<section id=\"stage-prod\">");
        assertThat(log).filteredOn(l -> !l.startsWith("INFO [") && !l.startsWith("WARN [") && !l.startsWith("INFO Deployment report: "))
                .as("every other line is the summary")
                .hasSize(4).first().isEqualTo("INFO Stage    Account                   Result  Duration  Changes");
        assertThat(log).anySatisfy(l -> assertThat(l).matches("INFO qa       333333333333 \\(us-east-1\\)  OK      \\d+\\.\\d s     1"));
    }

    @Test
    void aStageThatFailsLeavesTheOthersDeployedAndFailsTheBuildNamingIt() {
        cloud.seed("staging").withoutBucket().apply();
        cloud.seed("qa").withoutBucket().apply();
        // prod has no deploy role: its AssumeRole fails.

        assertThatThrownBy(deploy("qa,staging,prod")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Failed in 1 of 3 stages: prod; the other stages finished. See the lines starting with [prod]"
                        + " above, fix the cause and rerun with -Dstage=prod.");

        for (String account : List.of("staging", "qa")) {
            try (CloudFormationClient cfn = cloud.root(account).cloudFormation()) {
                assertThat(cfn.describeStacks(b -> b.stackName("orders-api-" + account)).stacks().get(0).stackStatusAsString())
                        .isEqualTo("CREATE_COMPLETE");
            }
        }
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("ERROR [prod] "));
        assertThat(log).anySatisfy(l -> assertThat(l).matches("INFO prod     444444444444 \\(us-east-1\\)  FAILED  \\d+\\.\\d s     -"));
    }

    @Test
    void aBadParallelBoundIsRefusedBeforeAnyWrite() {
        ACCOUNTS.forEach(a -> cloud.seed(a).withoutBucket().apply());
        DeployStackMojo mojo = deploy("staging,qa");
        mojo.parallel = "0";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy.parallel 0 is out of bounds; use 1 to 64.");
        try (CloudFormationClient cfn = cloud.root("qa").cloudFormation()) {
            assertThat(cfn.describeStacks().stacks()).isEmpty();
        }
    }
}
