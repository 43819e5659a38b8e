package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.TestZips;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The goals pass the gate's proof to the engine: an artifact verified in staging goes to prod, an untested one does not. */
class GatedStageMojoTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path dir;

    DeploymentAccount staging;
    DeploymentAccount prod;
    String sha;

    @BeforeEach
    void packaged() throws Exception {
        staging = cloud.seed("staging").apply();
        prod = cloud.seed("prod").apply();
        Files.createDirectories(dir.resolve("target/crossdeploy"));
        Path zip = TestZips.of(dir.resolve("target/orders-api-1.0-lambda.zip"), Map.of("README", new byte[] {1}));
        Path template = dir.resolve("target/crossdeploy/template.yaml");
        Files.writeString(template, "Parameters:\n  ArtifactKey: {Type: String}\nResources:\n"
                + "  Code: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !Ref ArtifactKey}}\n");
        sha = Sha256.hexOf(zip);
        new ArtifactManifest(zip, sha, Files.size(zip), template, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(dir.resolve("target")));
    }

    <M extends AbstractStageMojo> M configure(M mojo, String stage) {
        mojo.project = MojoTestSupport.project(dir);
        mojo.stage = stage;
        StageParameter guarded = MojoTestSupport.stage("prod", prod.accountId(), prod.region());
        guarded.setRequireVerifiedIn("staging");
        mojo.stages = List.of(MojoTestSupport.stage("staging", staging.accountId(), staging.region()), guarded);
        mojo.skip = "false";
        mojo.setLog(MojoTestSupport.quiet());
        return mojo;
    }

    UploadToAccountMojo upload(String stage) {
        UploadToAccountMojo mojo = configure(new UploadToAccountMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        }, stage);
        mojo.multipartThreshold = "16777216";
        mojo.partSize = "8388608";
        mojo.uploadThreads = "4";
        return mojo;
    }

    DeployStackMojo deploy(String stage) {
        DeployStackMojo mojo = configure(new DeployStackMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        }, stage);
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.timeout = "PT5M";
        return mojo;
    }

    MarkVerifiedMojo markVerified(String stage) {
        MarkVerifiedMojo mojo = configure(new MarkVerifiedMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        }, stage);
        mojo.buildDirectory = dir.resolve("target").toFile();
        return mojo;
    }

    @Test
    void anUntestedArtifactIsRefusedForProdAndNothingIsWritten() {
        assertThatThrownBy(upload("prod")::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Refusing to deploy orders-api sha256 " + sha + " to prod: it has not passed the integration"
                        + " tests in staging; no artifact of orders-api has passed there yet. Deploy and test this"
                        + " artifact in staging first.");
        try (S3Client s3 = cloud.root("prod").s3()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(prod.artifactBucket())).contents()).isEmpty();
        }
    }

    @Test
    void anArtifactVerifiedInStagingIsUploadedAndDeployedToProd() throws Exception {
        markVerified("staging").execute();

        upload("prod").execute();
        deploy("prod").execute();

        try (CloudFormationClient cfn = cloud.root("prod").cloudFormation()) {
            assertThat(cfn.describeStacks(b -> b.stackName("orders-api-prod")).stacks().get(0).stackStatusAsString())
                    .isEqualTo("CREATE_COMPLETE");
        }
    }
}
