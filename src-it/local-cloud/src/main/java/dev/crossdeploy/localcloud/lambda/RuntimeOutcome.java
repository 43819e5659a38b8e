package dev.crossdeploy.localcloud.lambda;

/** How the runtime ended one invocation, as the Runtime API heard it. */
sealed interface RuntimeOutcome {
    /** The handler returned: POST .../{id}/response. */
    record Response(byte[] body) implements RuntimeOutcome {}

    /** The handler threw: POST .../{id}/error with Lambda's error document. */
    record Error(byte[] body) implements RuntimeOutcome {}

    /** Loading the handler failed: POST .../init/error. */
    record InitError(byte[] body) implements RuntimeOutcome {}

    /** The worker process ended without answering. */
    record Exited(int exitCode) implements RuntimeOutcome {}
}
