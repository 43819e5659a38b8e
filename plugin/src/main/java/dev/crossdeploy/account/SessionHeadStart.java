package dev.crossdeploy.account;

import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;

import java.util.Set;

/**
 * Opens a stage's build-shared session on a thread of its own while the goal does its own
 * preparation (reading the manifest, checking the artifact), and then builds the clients the
 * build will call, so the goal's first request leaves as soon as the goal gets to it. The
 * goal's own {@link AccountSession#open} takes the role started here, or waits for it.
 *
 * <p>Only sessions shared within a build start ahead (otherwise nobody would take them), and
 * only when the base credentials can be read. A failure here is dropped: the goal's own open
 * meets the same failure (the one assumption under way, or a fresh one) and reports it.
 */
public final class SessionHeadStart {
    /** The clients a goal will use, built on the head-start thread after the role is assumed. */
    public enum Client { S3, CLOUD_FORMATION }

    private SessionHeadStart() {}

    /**
     * Starts opening {@code stage}'s session and building {@code clients}, in the background.
     *
     * @return the thread doing it, or null when nothing was started
     */
    public static Thread begin(Stage stage, AwsSettings settings, String sessionName, Set<Client> clients) {
        if (settings.buildScope() == null) return null;
        Thread thread = new Thread(() -> open(stage, settings, sessionName, clients),
                "crossdeploy-session-" + stage.name());
        // Never keeps Maven's JVM alive; the context class loader (the plugin's realm, which the SDK's
        // service lookups use) is the starting goal's.
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void open(Stage stage, AwsSettings settings, String sessionName, Set<Client> clients) {
        try (AccountSession session = AccountSession.open(stage, settings, sessionName, Reporter.silent())) {
            if (clients.contains(Client.S3)) session.s3();
            if (clients.contains(Client.CLOUD_FORMATION)) session.cloudFormation();
        } catch (RuntimeException | LinkageError e) {
            // The goal's own open reports it.
        }
    }
}
