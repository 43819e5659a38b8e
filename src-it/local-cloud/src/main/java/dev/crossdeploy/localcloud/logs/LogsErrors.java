package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.http.AwsException;

import java.util.List;

/** CloudWatch Logs' errors with its codes and texts; every client error is HTTP 400. */
final class LogsErrors {
    private LogsErrors() {}

    static AwsException groupNotFound() {
        return new AwsException(400, "ResourceNotFoundException", "The specified log group does not exist.");
    }

    static AwsException streamNotFound() {
        return new AwsException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
    }

    static AwsException groupExists() {
        return new AwsException(400, "ResourceAlreadyExistsException", "The specified log group already exists");
    }

    static AwsException streamExists() {
        return new AwsException(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
    }

    static AwsException invalid(String message) {
        return new AwsException(400, "InvalidParameterException", message);
    }

    static AwsException accessDenied(String message) {
        return new AwsException(400, "AccessDeniedException", message);
    }

    static AwsException serialization(String message) {
        return new AwsException(400, "SerializationException", message);
    }

    static AwsException invalidToken() {
        return invalid("The specified nextToken is invalid.");
    }

    /** Model constraint violations, reported together as the service's validation layer does. */
    static AwsException validation(List<String> problems) {
        String head = problems.size() + (problems.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        return invalid(head + String.join("; ", problems));
    }
}
