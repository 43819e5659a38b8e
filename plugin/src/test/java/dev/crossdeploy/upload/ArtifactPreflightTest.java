package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.testing.TestZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The artifact's own checks, run while the session opens: each stage's check sees the file as it is then. */
class ArtifactPreflightTest {
    @TempDir
    Path target;

    private ArtifactManifest packaged(byte[] handlerClass) throws IOException {
        Path zip = target.resolve("orders-1.0-lambda.zip");
        TestZips.of(zip, Map.of("com/example/orders/OrdersHandler.class", handlerClass));
        Path template = target.resolve("template.yaml");
        Files.writeString(template, ArtifactVerificationTest.FUNCTION_TEMPLATE);
        return new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), template, "com.example", "orders", "1.0");
    }

    @Test
    void theCheckStartedAheadGivesTheLoadedTemplate() throws IOException {
        ArtifactManifest manifest = packaged(new byte[] {1});

        Template template = ArtifactPreflight.start(manifest).await();

        assertThat(template.javaHandlers()).containsEntry("OrdersFunction", "com.example.orders.OrdersHandler::handleRequest");
    }

    @Test
    void aFileRewrittenAfterAnEarlierStagesCheckIsRefusedWithTheChecksOwnMessage() throws IOException {
        ArtifactManifest manifest = packaged(new byte[] {1});
        ArtifactPreflight.start(manifest).await();
        TestZips.of(manifest.file(), Map.of("com/example/orders/OrdersHandler.class", new byte[] {2}));

        assertThatThrownBy(() -> ArtifactPreflight.start(manifest).await())
                .isExactlyInstanceOf(CrossdeployException.class)
                .hasMessage("Artifact " + manifest.file() + " has SHA-256 " + Sha256.hexOf(manifest.file())
                        + ", but artifact.json records " + manifest.sha256()
                        + ": it changed after packaging; run the package goal again (mvn package crossdeploy:package).");
    }

    @Test
    void aDeferredCheckRunsOnlyWhenAwaited() throws IOException {
        ArtifactManifest manifest = packaged(new byte[] {1});
        ArtifactPreflight deferred = ArtifactPreflight.deferred(manifest);
        Files.writeString(manifest.file(), "not a zip at all");

        assertThatThrownBy(deferred::await).isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Artifact " + manifest.file() + " has SHA-256 ");
    }
}
