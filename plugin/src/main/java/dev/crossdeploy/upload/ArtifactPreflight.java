package dev.crossdeploy.upload;

import dev.crossdeploy.artifact.ArtifactCheck;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.stack.Template;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The checks of an artifact that need no account: its template reads, the zip is the one
 * packaged (by size and CRC32C, or by SHA-256 for a manifest without a CRC32C), and it holds
 * every Java handler's class. {@link #start} runs them on a thread of their own while the
 * stage's session opens (the file is read while AssumeRole is in flight);
 * {@link #await} returns the loaded template (null when the artifact has none) or throws what the
 * check threw, and is called before anything is written.
 */
final class ArtifactPreflight {
    private final Supplier<Template> check;
    private CompletableFuture<Template> running;

    private ArtifactPreflight(Supplier<Template> check) { this.check = check; }

    /** The checks, run when {@link #await} is first called. */
    static ArtifactPreflight deferred(ArtifactManifest manifest) {
        return new ArtifactPreflight(() -> run(manifest));
    }

    /**
     * The checks, started now on a daemon thread. Each stage of a fan-out runs its own: with the
     * zip checked by CRC32C they take milliseconds, and a file rewritten between two stages is
     * caught by the later one.
     */
    static ArtifactPreflight start(ArtifactManifest manifest) {
        ArtifactPreflight preflight = deferred(manifest);
        preflight.running = CompletableFuture.supplyAsync(preflight.check, task -> {
            Thread thread = new Thread(task, "crossdeploy-artifact-check");
            thread.setDaemon(true);
            thread.start();
        });
        return preflight;
    }

    Template await() {
        if (running == null) return check.get();
        try {
            return running.join();
        } catch (CompletionException e) {
            // The check's own exception, so the user reads the same line as without the thread.
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    private static Template run(ArtifactManifest manifest) {
        Template template = manifest.template() == null ? null : Template.load(manifest.template());
        ArtifactCheck.verify(manifest, template == null ? Map.of() : template.javaHandlers(),
                template == null ? "" : template.path().getFileName().toString());
        return template;
    }
}
