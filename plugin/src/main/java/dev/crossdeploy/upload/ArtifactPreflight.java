package dev.crossdeploy.upload;

import dev.crossdeploy.artifact.ArtifactCheck;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.stack.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The checks of an artifact that need no account: its template reads, its SHA-256 is the one
 * packaged, it is a zip holding every Java handler's class. {@link #start} runs them on a thread
 * of their own while the stage's session opens (the file is read while AssumeRole is in flight);
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
     * The checks, started now on a daemon thread; or, when the same unchanged file is already being
     * checked (the other stages of a fan-out), that check: the file is read once, not once a stage.
     */
    static ArtifactPreflight start(ArtifactManifest manifest) {
        ArtifactPreflight preflight = deferred(manifest);
        Key key = Key.of(manifest);
        synchronized (ArtifactPreflight.class) {
            if (key != null && key.equals(lastKey)) {
                preflight.running = lastRun;
                return preflight;
            }
            preflight.running = CompletableFuture.supplyAsync(preflight.check, task -> {
                Thread thread = new Thread(task, "crossdeploy-artifact-check");
                thread.setDaemon(true);
                thread.start();
            });
            lastKey = key;
            lastRun = preflight.running;
        }
        return preflight;
    }

    /** The last check started, so the stages of one run share it. */
    private static Key lastKey;
    private static CompletableFuture<Template> lastRun;

    /** The manifest, and its zip and template as they are on disk now: a file rewritten since gets a check of its own. */
    private record Key(ArtifactManifest manifest, Stamp zip, Stamp template) {
        static Key of(ArtifactManifest manifest) {
            try {
                return new Key(manifest, Stamp.of(manifest.file()), manifest.template() == null ? null : Stamp.of(manifest.template()));
            } catch (IOException e) {
                return null; // the check itself says what is wrong with the file
            }
        }
    }

    private record Stamp(long size, FileTime modified, Object fileKey) {
        static Stamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
        }
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
