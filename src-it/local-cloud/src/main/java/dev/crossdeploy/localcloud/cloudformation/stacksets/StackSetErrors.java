package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.http.AwsException;

/** The StackSets errors CloudFormation answers with: code, HTTP status and message text. */
final class StackSetErrors {
    private StackSetErrors() {}

    static AwsException notFound(String nameOrId) {
        return new AwsException(404, "StackSetNotFoundException", "StackSet " + nameOrId + " not found");
    }

    static AwsException alreadyExists(String name) {
        return new AwsException(409, "NameAlreadyExistsException", "StackSet " + name + " already exists");
    }

    static AwsException notEmpty() {
        return new AwsException(409, "StackSetNotEmptyException", "StackSet is not empty");
    }

    static AwsException inProgress(String stackSetArn) {
        return new AwsException(409, "OperationInProgressException",
                "Another Operation on StackSet " + stackSetArn + " is in progress");
    }

    static AwsException operationIdExists(String operationId) {
        return new AwsException(409, "OperationIdAlreadyExistsException",
                "The operation id " + operationId + " already exists");
    }

    static AwsException operationNotFound(String operationId) {
        return new AwsException(404, "OperationNotFoundException", "Operation " + operationId + " not found");
    }

    static AwsException instanceNotFound(String stackSetName, String account, String region) {
        return new AwsException(404, "StackInstanceNotFoundException", "Stack instance with account " + account
                + " and region " + region + " does not exist in StackSet " + stackSetName);
    }

    /** Coral's message for a field that breaks a constraint, as every AWS query API words it. */
    static AwsException constraint(Object value, String field, String constraint) {
        return AwsException.validation("1 validation error detected: Value '" + value + "' at '" + field
                + "' failed to satisfy constraint: " + constraint);
    }
}
