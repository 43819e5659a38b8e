package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RequestLog;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings typed wrong are refused with one line naming them, before any call to AWS. */
class StrictInputTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path dir;

    DeploymentAccount staging;
    MavenProject project;
    final MojoTestSupport.Lines log = new MojoTestSupport.Lines();

    @BeforeEach
    void project() throws Exception {
        staging = cloud.seed("staging").apply();
        project = MojoTestSupport.projectWithTemplate(dir, "Resources:\n  Greeting:\n    Type: AWS::SSM::Parameter\n"
                + "    Properties: {Type: String, Value: hello}\n");
        RequestLog.clear();
    }

    <M extends AbstractStageMojo> M configure(M mojo) {
        mojo.project = project;
        mojo.stage = "staging";
        mojo.stages = List.of(MojoTestSupport.stage("staging", staging.accountId(), staging.region()));
        mojo.skip = "false";
        mojo.pathStyleAccess = "true";
        mojo.setLog(log);
        return mojo;
    }

    DeployStackMojo deploy() {
        DeployStackMojo mojo = configure(new DeployStackMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        });
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.timeout = "PT5M";
        mojo.dryRun = "false";
        return mojo;
    }

    UploadToAccountMojo upload() {
        UploadToAccountMojo mojo = configure(new UploadToAccountMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        });
        mojo.multipartThreshold = "16777216";
        mojo.partSize = "8388608";
        mojo.uploadThreads = "4";
        return mojo;
    }

    void refused(AbstractStageMojo mojo, String line) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessage(line);
        assertThat(RequestLog.calls()).as("calls to AWS").isEmpty();
    }

    @Test
    void protectedMaybeIsRefusedRatherThanReadAsUnprotected() {
        DeployStackMojo mojo = deploy();
        StageParameter prod = MojoTestSupport.stage("staging", staging.accountId(), staging.region());
        prod.setProtected("maybe");
        mojo.stages = List.of(prod);
        refused(mojo, "Stage 'staging': protected 'maybe' is not a boolean; use true or false.");
    }

    @Test
    void dryRunYesIsRefusedRatherThanDeployingForReal() {
        DeployStackMojo mojo = deploy();
        mojo.dryRun = "yes";
        refused(mojo, "crossdeploy.dryRun 'yes' is not a boolean; use true or false.");
    }

    @Test
    void aNativeUploadThatIsNotABooleanIsRefusedBeforeAnyCall() {
        UploadToAccountMojo mojo = upload();
        mojo.stage = "staging";
        mojo.nativeUpload = "sometimes";
        refused(mojo, "crossdeploy.nativeUpload 'sometimes' is not a boolean; use true or false.");
    }

    @Test
    void flagsIgnoreCase() throws Exception {
        DeployStackMojo mojo = deploy();
        mojo.dryRun = "TRUE";
        mojo.execute();
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("-- dry run"));
    }

    @Test
    void skipAndPathStyleAccessAreFlagsToo() {
        DeployStackMojo mojo = deploy();
        mojo.skip = "1";
        refused(mojo, "crossdeploy.skip '1' is not a boolean; use true or false.");
        // The real awsSettings(), which reads the flag, not the test's local-cloud settings.
        DeployStackMojo other = configure(new DeployStackMojo());
        other.buildDirectory = dir.resolve("target").toFile();
        other.pathStyleAccess = "on";
        refused(other, "crossdeploy.pathStyleAccess 'on' is not a boolean; use true or false.");
    }

    @Test
    void partSizeThatIsNotANumberOrTooBigIsRefusedWithItsBounds() {
        UploadToAccountMojo mojo = upload();
        mojo.partSize = "abc";
        refused(mojo, "crossdeploy.partSize 'abc' is not a whole number; use 5242880 (5 MiB) to 5368709120 (5 GiB) bytes.");
        mojo.partSize = "99999999999999";
        refused(mojo, "crossdeploy.partSize 99999999999999 is out of bounds; use 5242880 (5 MiB) to 5368709120 (5 GiB) bytes.");
    }

    @Test
    void uploadThreadsAndThresholdHaveBounds() {
        UploadToAccountMojo mojo = upload();
        mojo.uploadThreads = "0";
        refused(mojo, "crossdeploy.uploadThreads 0 is out of bounds; use 1 to 64 threads.");
        mojo.uploadThreads = "4";
        mojo.multipartThreshold = "-1";
        refused(mojo, "crossdeploy.multipartThreshold -1 is out of bounds; use 1 to 5368709120 (5 GiB) bytes.");
    }

    @Test
    void aTimeoutBeyondADayIsRefused() {
        DeployStackMojo mojo = deploy();
        mojo.timeout = "PT30H";
        refused(mojo, "crossdeploy.timeout 'PT30H' is not an ISO-8601 duration from PT1S to PT24H, such as PT30M or PT1H");
    }

    @Test
    void anEmptyStageIsOneLine() {
        DeployStackMojo mojo = deploy();
        mojo.stage = "";
        refused(mojo, "No stage given; run with -Dstage=<name>, one of: staging.");
    }

    @Test
    void allowReplaceNamesOnlyResourcesOfTheTemplateOrTheStack() {
        DeployStackMojo mojo = deploy();
        mojo.allowReplace = "Greeting, Greting";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy.allowReplace names Greting, which is not a resource of template template.yaml"
                        + " nor of the deployed stack; use logical ids from the template's Resources: Greeting.");
        assertThat(RequestLog.calls("CloudFormation")).containsExactly("CloudFormation DescribeStacks");
    }

    @Test
    void aCallTimeoutThatIsNotADurationIsRefused() {
        DeployStackMojo mojo = configure(new DeployStackMojo());
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.awsCallTimeout = "5s";
        refused(mojo, "crossdeploy.awsCallTimeout '5s' is not an ISO-8601 duration; use one from PT1S to PT15M, such as PT30S or PT2M.");
    }

    @Test
    void aMalformedKmsKeyIdIsRefused() {
        DeployStackMojo mojo = deploy();
        StageParameter stage = MojoTestSupport.stage("staging", staging.accountId(), staging.region());
        stage.setKmsKeyId("my key");
        mojo.stages = List.of(stage);
        refused(mojo, "Stage 'staging': kmsKeyId 'my key' is not a KMS key id, key ARN, alias name or alias ARN;"
                + " use e.g. alias/crossdeploy-artifacts or arn:aws:kms:" + staging.region() + ":" + staging.accountId()
                + ":key/<key id>, or leave it out for AES256 encryption.");
    }
}
