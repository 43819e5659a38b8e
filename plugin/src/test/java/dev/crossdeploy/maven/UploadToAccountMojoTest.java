package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.testing.DeploymentAccount;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.TestZips;
import dev.crossdeploy.upload.UploadResult;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upload goal built directly, reaching the local cloud through overridden settings. */
class UploadToAccountMojoTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    @TempDir
    Path basedir;

    private final MojoTestSupport.Lines log = new MojoTestSupport.Lines();

    private UploadToAccountMojo mojo(String stage) {
        UploadToAccountMojo mojo = new UploadToAccountMojo() {
            @Override
            protected AwsSettings awsSettings() { return cloud.pipelineSettings(); }
        };
        mojo.project = MojoTestSupport.project(basedir);
        mojo.stage = stage;
        mojo.stages = List.of(MojoTestSupport.stage("qa", "333333333333", cloud.region()),
                MojoTestSupport.stage("staging", "222222222222", cloud.region()));
        mojo.multipartThreshold = "16777216";
        mojo.partSize = "8388608";
        mojo.uploadThreads = "4";
        mojo.setLog(log);
        return mojo;
    }

    private ArtifactManifest packaged() throws IOException {
        Path zip = basedir.resolve("target/orders-api-1.0-lambda.zip");
        Files.createDirectories(zip.getParent());
        TestZips.of(zip, Map.of("com/example/Handler.class", new byte[] {(byte) 0xca, (byte) 0xfe}));
        ArtifactManifest manifest = new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), null,
                "com.example", "orders-api", "1.0");
        manifest.write(basedir.resolve("target/crossdeploy/artifact.json"));
        return manifest;
    }

    @Test
    void uploadsToTheStageNamedByDashDStageAndRecordsIt() throws Exception {
        DeploymentAccount qa = cloud.seed("qa").apply();
        ArtifactManifest manifest = packaged();

        mojo("qa").execute();

        UploadResult result = UploadResult.read(basedir.resolve("target/crossdeploy/qa-upload.json"));
        assertThat(result.bucket()).isEqualTo(qa.artifactBucket());
        assertThat(result.key()).isEqualTo("orders-api/" + manifest.sha256() + ".zip");
        assertThat(log.lines).anyMatch(l -> l.startsWith("INFO Uploaded artifact to s3://" + qa.artifactBucket() + "/" + result.key() + " ("));
    }

    @Test
    void missingStageFailsListingTheKnownOnes() throws IOException {
        packaged();

        assertThatThrownBy(() -> mojo(null).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("No stage given; run with -Dstage=<name>, one of: qa, staging.");
        assertThatThrownBy(() -> mojo("prod").execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Unknown stage 'prod'; known stages: qa, staging.");
    }

    @Test
    void stagesComeFromTheConventionalStagesFileToo() throws Exception {
        cloud.seed("prod").apply();
        packaged();
        Files.writeString(basedir.resolve("crossdeploy-stages.yaml"),
                "stages:\n  - name: prod\n    accountId: \"444444444444\"\n    region: " + cloud.region() + "\n");

        mojo("prod").execute();

        assertThat(basedir.resolve("target/crossdeploy/prod-upload.json")).exists();
    }

    @Test
    void anExplicitStagesFileIsReadRelativeToTheProject() throws IOException {
        UploadToAccountMojo mojo = mojo("qa");
        mojo.stagesFile = new java.io.File("config/stages.yaml");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Stages file " + basedir.resolve("config/stages.yaml") + " does not exist or is not a file;"
                        + " fix crossdeploy.stagesFile or create the file.");
    }

    @Test
    void withoutAPackageItSaysToPackageFirst() {
        cloud.seed("qa").withoutBucket().apply();

        assertThatThrownBy(() -> mojo("qa").execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("No packaged artifact: " + basedir.resolve("target/crossdeploy/artifact.json")
                        + " does not exist; run the package goal first (mvn package crossdeploy:package).");
    }

    @Test
    void aPartSizeBelowS3sMinimumIsRefused() {
        UploadToAccountMojo mojo = mojo("qa");
        mojo.partSize = "1024";

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy.partSize 1024 is out of bounds; use 5242880 (5 MiB) to 5368709120 (5 GiB) bytes.");
    }
}
