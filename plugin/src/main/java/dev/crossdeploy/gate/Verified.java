package dev.crossdeploy.gate;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stage.Stage;

/**
 * Proof that one artifact passed the stage a target stage requires ({@code requireVerifiedIn}).
 * Only {@link VerificationGate} makes it, after finding the pass record, and the engine's deploy
 * and upload entry points demand it for such a target: a caller that skips the gate is refused
 * instead of shipping an untested artifact.
 */
public final class Verified {
    private final String target;
    private final String sha256;

    Verified(String target, String sha256) {
        this.target = target;
        this.sha256 = sha256;
    }

    /**
     * Does nothing for a stage without {@code requireVerifiedIn}; otherwise refuses unless
     * {@code proof} was issued for this target and this artifact.
     *
     * @param sha256 the artifact going to {@code target}, or null when there is none
     */
    public static void require(Stage target, String sha256, Verified proof) {
        if (target.requireVerifiedIn() == null) return;
        if (proof != null && sha256 != null && proof.target.equals(target.name()) && proof.sha256.equalsIgnoreCase(sha256)) return;
        throw new CrossdeployException("Refusing to deploy " + (sha256 == null ? "without an artifact" : "artifact sha256 " + sha256)
                + " to " + target.name() + ": the stage takes only artifacts verified in " + target.requireVerifiedIn()
                + " and this one was not checked by the verification gate; deploy it with the upload-to-account and"
                + " deploy-stack goals, or pass the proof VerificationGate.requireBeforeDeploy returns.");
    }
}
