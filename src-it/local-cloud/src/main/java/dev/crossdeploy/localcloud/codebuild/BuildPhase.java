package dev.crossdeploy.localcloud.codebuild;

import java.time.Instant;
import java.util.List;

/**
 * One phase of a build as BatchGetBuilds reports it: its type (INSTALL, BUILD, ...), status
 * (SUCCEEDED, FAILED, ...; null while it runs and for COMPLETED), times and the contexts that
 * explain a failure.
 */
public record BuildPhase(String type, String status, Instant start, Instant end, List<Context> contexts) {

    /** Why a phase ended as it did, e.g. COMMAND_EXECUTION_ERROR with the failed command. */
    public record Context(String statusCode, String message) {}

    BuildPhase ended(String newStatus, Instant at, Context context) {
        return new BuildPhase(type, newStatus, start, at, List.of(context));
    }
}
