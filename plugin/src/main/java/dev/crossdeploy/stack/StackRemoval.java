package dev.crossdeploy.stack;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.time.Instant;
import java.util.UUID;

/** Deletes a stack and waits for it to be gone, streaming its events. */
final class StackRemoval {
    private final CloudFormationClient cfn;
    private final StackWatcher watcher;

    StackRemoval(CloudFormationClient cfn, StackWatcher watcher) {
        this.cfn = cfn;
        this.watcher = watcher;
    }

    /**
     * @param roleArn the role CloudFormation deletes the resources as (null: the stack's own)
     * @return the settled wait, status DELETE_COMPLETE on success
     */
    StackWatcher.Settled delete(String stackId, String stackName, String roleArn, Instant deadline, String timeoutParameter) {
        Stack before = watcher.describe(stackId);
        EventCursor cursor = EventCursor.fromNow(cfn, stackId);
        DeleteStackRequest.Builder request = DeleteStackRequest.builder().stackName(stackId)
                .clientRequestToken("crossdeploy-delete-" + UUID.randomUUID());
        if (roleArn != null && !roleArn.isBlank()) request.roleARN(roleArn);
        DeleteStackRequest built = request.build();
        Errors.refusalExplained("CloudFormation refused to delete stack " + stackName, () -> cfn.deleteStack(built));
        return watcher.await(stackId, stackName, cursor, deadline, timeoutParameter, before);
    }
}
