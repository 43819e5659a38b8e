package dev.crossdeploy.stack;

import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Another deployment of the same stack got in between two calls of this one: its change set was
 * executed (which deletes every other change set of the stack), the stack is busy with its
 * operation, or it created or deleted the stack. The deployment starts its round again.
 */
final class Overtaken extends RuntimeException {
    /** CloudFormation's wordings for a stack that changed under a change set. */
    private static final List<String> STACK_CHANGED = List.of(
            "state and can not be updated",
            "already exists and cannot be created again");
    /** The stack itself is gone (not a role, key or export that "does not exist"). */
    private static final Pattern STACK_GONE = Pattern.compile("^Stack (\\[[^\\]]*\\]|with id \\S+) does not exist");

    private Overtaken(String reason, CloudFormationException cause) {
        super(reason, cause, false, false);
    }

    /** The contention {@code e} reports, if it reports one; other errors are the caller's to explain. */
    static Optional<Overtaken> of(CloudFormationException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String message = e.awsErrorDetails() == null ? String.valueOf(e.getMessage()) : String.valueOf(e.awsErrorDetails().errorMessage());
        boolean contention = "ChangeSetNotFound".equals(code) || "InvalidChangeSetStatus".equals(code)
                || "ValidationError".equals(code) && (STACK_CHANGED.stream().anyMatch(message::contains) || STACK_GONE.matcher(message).find());
        return contention ? Optional.of(new Overtaken(code + ": " + message, e)) : Optional.empty();
    }

    /** Runs a call, turning contention into {@link Overtaken}. */
    static <T> T guard(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudFormationException e) {
            throw of(e).orElseThrow(() -> e);
        }
    }
}
