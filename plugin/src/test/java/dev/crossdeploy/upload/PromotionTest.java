package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.stack.ArtifactRef;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading what package and upload-to-account left for deploy-stack. */
class PromotionTest {
    static final Stage QA = new Stage("qa", "222222222222", "us-east-1", null, null, null, "", null, null,
            Map.of(), Map.of(), false, List.of(), null);

    @TempDir
    Path build;

    Path template;

    void packaged(String sha) throws Exception {
        Path zip = build.resolve("crossdeploy/orders.zip");
        Files.createDirectories(zip.getParent());
        Files.writeString(zip, "zip");
        template = build.resolve("crossdeploy/template.yaml");
        Files.writeString(template, "Resources:\n  T: {Type: AWS::S3::Bucket}\n");
        new ArtifactManifest(zip, sha, 3, template, "g", "orders", "1").write(ArtifactManifest.locationIn(build));
    }

    @Test
    void withoutAPackageTheTemplateIsDeployedAlone() {
        Promotion p = Promotion.read(build, QA);

        assertThat(p.artifact()).isNull();
        assertThat(p.template()).isNull();
    }

    @Test
    void aPackageWithoutAnUploadForTheStageSaysToUploadFirst() throws Exception {
        packaged("ab12");

        assertThatThrownBy(() -> Promotion.read(build, QA))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("No upload recorded at " + build.resolve("crossdeploy/qa-upload.json")
                        + "; run upload-to-account for the stage first.");
    }

    @Test
    void theUploadedArtifactAndBigTemplateAreUsed() throws Exception {
        packaged("ab12");
        String templateSha = Template.load(template).sha256();
        new UploadResult("qa", "bucket-qa", "orders/ab12.zip", "ab12", 3, UploadResult.Status.SKIPPED,
                new UploadResult.TemplateObject("bucket-qa", "orders/templates/" + templateSha + ".yaml", templateSha,
                        "https://bucket-qa.s3.us-east-1.amazonaws.com/orders/templates/" + templateSha + ".yaml", UploadResult.Status.UPLOADED))
                .write(UploadResult.locationIn(build, "qa"));

        Promotion p = Promotion.read(build, QA);

        assertThat(p.artifact()).isEqualTo(new ArtifactRef("bucket-qa", "orders/ab12.zip", "ab12"));
        assertThat(p.template()).isEqualTo(template.toAbsolutePath().normalize());
        TemplateUploader failing = (stage, t) -> { throw new AssertionError("must not upload again"); };
        assertThat(p.uploader(failing).upload(QA, Template.load(template)))
                .isEqualTo("https://bucket-qa.s3.us-east-1.amazonaws.com/orders/templates/" + templateSha + ".yaml");
    }
}
