package dev.crossdeploy.localcloud.dynamodb;

/** Tables cannot run: Node.js or dynalite is missing, or dynalite would not start. The message says why. */
public final class DynaliteUnavailableException extends RuntimeException {
    public DynaliteUnavailableException(String message) { super(message); }
}
