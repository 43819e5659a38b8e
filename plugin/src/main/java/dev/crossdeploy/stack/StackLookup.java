package dev.crossdeploy.stack;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ListChangeSetsResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.util.Locale;
import java.util.Optional;

/** Reads a stack and its pending change sets, treating "does not exist" as an answer. */
final class StackLookup {
    private final CloudFormationClient cfn;
    StackLookup(CloudFormationClient cfn) {
        this.cfn = cfn;
    }

    /** The live stack with this name or id, if any. */
    Optional<Stack> find(String stackName) {
        try {
            return cfn.describeStacks(b -> b.stackName(stackName)).stacks().stream()
                    .filter(s -> !"DELETE_COMPLETE".equals(s.stackStatusAsString()))
                    .findFirst();
        } catch (CloudFormationException e) {
            if (isMissing(e)) return Optional.empty();
            throw e;
        }
    }

    /** Whether a change set of the stack is still being created or executed. */
    boolean changeSetRunning(String stackId) {
        String token = null;
        do {
            String page = token;
            ListChangeSetsResponse response = cfn.listChangeSets(b -> b.stackName(stackId).nextToken(page));
            for (ChangeSetSummary s : response.summaries()) {
                String status = String.valueOf(s.statusAsString());
                String execution = String.valueOf(s.executionStatusAsString());
                if (status.equals("CREATE_PENDING") || status.equals("CREATE_IN_PROGRESS")
                        || execution.equals("EXECUTE_IN_PROGRESS")) {
                    return true;
                }
            }
            token = response.nextToken();
        } while (token != null);
        return false;
    }

    /** Whether the stack has a change set other than {@code changeSetId}, in any status. */
    boolean hasChangeSetsBesides(String stackId, String changeSetId) {
        String token = null;
        do {
            String page = token;
            ListChangeSetsResponse response = cfn.listChangeSets(b -> b.stackName(stackId).nextToken(page));
            if (response.summaries().stream().anyMatch(s -> !s.changeSetId().equals(changeSetId))) return true;
            token = response.nextToken();
        } while (token != null);
        return false;
    }

    /** CloudFormation's answer for an unknown stack: ValidationError "Stack with id X does not exist". */
    static boolean isMissing(CloudFormationException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return "ValidationError".equals(code) && message != null
                && message.toLowerCase(Locale.ROOT).contains("does not exist");
    }
}
