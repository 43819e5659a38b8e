package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.AccessKey;
import dev.crossdeploy.localcloud.iam.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Temporary credentials of a function's execution role, issued as STS AssumeRole issues them
 * when Lambda (lambda.amazonaws.com) assumes the role: a session named after the function, so
 * the function acts as {@code assumed-role/<role>/<function>} and IAM decides what it may do.
 */
final class ExecutionCredentials {
    /** How long a worker's credentials last; a worker is replaced before they run out. */
    static final Duration SESSION = Duration.ofHours(1);

    private final CloudState state;

    ExecutionCredentials(CloudState state) { this.state = state; }

    AccessKey issue(FunctionSpec spec) {
        Role role = state.iam().role(spec.role())
                .filter(r -> state.iam().evaluator().trustsService(r, "lambda.amazonaws.com"))
                .orElseThrow(() -> LambdaErrors.invalidParameter("The role defined for the function cannot be assumed by Lambda."));
        Instant expiration = state.clock().instant().plus(SESSION).truncatedTo(ChronoUnit.SECONDS);
        return state.credentials().issueTemporary(role.arn(), role.roleId(), spec.name(), expiration);
    }
}
