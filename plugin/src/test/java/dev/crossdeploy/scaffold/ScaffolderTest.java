package dev.crossdeploy.scaffold;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing the scaffold into a project: what is written, what is never replaced, what the user reads. */
class ScaffolderTest {
    @TempDir
    Path dir;
    final RecordingReporter reporter = new RecordingReporter();

    ScaffoldRequest request(ExistingFiles existing) {
        return new ScaffoldRequest(dir, "orders", HandlerName.of(null, "com.acme", "orders"), false, false,
                List.of(new StageAccount("staging", "222222222222"), new StageAccount("prod", "444444444444")),
                "us-east-1", existing, true, "1.0");
    }

    @Test
    void writesEveryFileANewServiceNeedsAndPrintsTheNextThreeCommands() {
        List<Path> written = new Scaffolder(reporter).scaffold(request(ExistingFiles.REFUSE));
        assertThat(written).extracting(Path::toString).containsExactly("src/main/cloudformation/template.yaml",
                "crossdeploy-stages.yaml", "buildspec.yml", ".mvn/jvm.config", "src/main/java/com/acme/OrdersHandler.java");
        written.forEach(p -> assertThat(dir.resolve(p)).isRegularFile());
        assertThat(reporter.messages()).containsSubsequence(
                "Next:",
                "  1. mvn crossdeploy:bootstrap -Dcrossdeploy.trustAccount=<pipeline account id>    (once per stage account, as its administrator, AWS_REGION=us-east-1)",
                "  2. mvn package crossdeploy:package",
                "  3. mvn crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=staging");
        assertThat(reporter.messageText()).doesNotContain("Declare the plugin");
    }

    @Test
    void existingFilesStopItBeforeAnyWriteWithOneLine() throws Exception {
        Files.writeString(dir.resolve("buildspec.yml"), "mine");
        Files.createDirectories(dir.resolve(".mvn"));
        Files.writeString(dir.resolve(".mvn/jvm.config"), "-Xmx2g");
        assertThatThrownBy(() -> new Scaffolder(reporter).scaffold(request(ExistingFiles.REFUSE)))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("crossdeploy:init wrote nothing: buildspec.yml and .mvn/jvm.config exist already; rerun with"
                        + " -Dcrossdeploy.skipExisting=true to write only the missing files, or -Dcrossdeploy.overwrite=true to replace them.");
        assertThat(dir.resolve("src")).doesNotExist();
        assertThat(dir.resolve("crossdeploy-stages.yaml")).doesNotExist();
        assertThat(dir.resolve("buildspec.yml")).hasContent("mine");
    }

    @Test
    void skipExistingKeepsThemAndWritesTheRest() throws Exception {
        Files.writeString(dir.resolve("buildspec.yml"), "mine");
        List<Path> written = new Scaffolder(reporter).scaffold(request(ExistingFiles.SKIP));
        assertThat(written).extracting(Path::toString).doesNotContain("buildspec.yml").contains("crossdeploy-stages.yaml");
        assertThat(dir.resolve("buildspec.yml")).hasContent("mine");
        assertThat(reporter.messageText()).containsPattern("buildspec\\.yml\\s+kept as it is");
    }

    @Test
    void overwriteReplacesThemButNeverTheHandlersSource() throws Exception {
        Files.writeString(dir.resolve("buildspec.yml"), "mine");
        Path handler = dir.resolve("src/main/java/com/acme/OrdersHandler.java");
        Files.createDirectories(handler.getParent());
        Files.writeString(handler, "package com.acme; public class OrdersHandler {}");
        List<Path> written = new Scaffolder(reporter).scaffold(request(ExistingFiles.OVERWRITE));
        assertThat(written).extracting(Path::toString).contains("buildspec.yml").doesNotContain("src/main/java/com/acme/OrdersHandler.java");
        assertThat(dir.resolve("buildspec.yml")).content().startsWith("# One buildspec");
        assertThat(handler).hasContent("package com.acme; public class OrdersHandler {}");
        assertThat(reporter.messageText()).containsPattern("buildspec\\.yml\\s+replaced: ")
                .containsPattern("OrdersHandler\\.java\\s+kept: the function's handler com\\.acme\\.OrdersHandler::handleRequest");
    }

    @Test
    void withoutThePluginInThePomItSaysHowToDeclareIt() {
        ScaffoldRequest r = request(ExistingFiles.REFUSE);
        new Scaffolder(reporter).scaffold(new ScaffoldRequest(dir, r.artifactId(), r.handler(), false, false, r.stages(),
                r.region(), r.existing(), false, "1.0"));
        assertThat(reporter.messages()).contains("  <plugin><groupId>dev.crossdeploy</groupId><artifactId>crossdeploy-maven-plugin</artifactId>"
                + "<version>1.0</version></plugin>");
    }

    @Test
    void stagesFromThePomNeedNoStagesFile() {
        ScaffoldRequest r = request(ExistingFiles.REFUSE);
        List<Path> written = new Scaffolder(reporter).scaffold(new ScaffoldRequest(dir, r.artifactId(), r.handler(), false, false,
                List.of(), r.region(), r.existing(), true, "1.0"));
        assertThat(written).extracting(Path::toString).doesNotContain("crossdeploy-stages.yaml");
        assertThat(dir.resolve("buildspec.yml")).content().doesNotContain("crossdeploy-stages.yaml").contains("the POM's <stages>");
    }
}
