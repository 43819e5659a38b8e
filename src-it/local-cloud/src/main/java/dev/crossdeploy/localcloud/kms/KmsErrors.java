package dev.crossdeploy.localcloud.kms;

import dev.crossdeploy.localcloud.http.AwsException;

/** KMS's errors with its codes and texts; every client error is HTTP 400. */
final class KmsErrors {
    private KmsErrors() {}

    static AwsException notFound(String message) { return new AwsException(400, "NotFoundException", message); }

    static AwsException alreadyExists(String message) { return new AwsException(400, "AlreadyExistsException", message); }

    static AwsException accessDenied(String message) { return new AwsException(400, "AccessDeniedException", message); }

    static AwsException validation(String message) { return new AwsException(400, "ValidationException", message); }

    static AwsException invalidAliasName(String message) { return new AwsException(400, "InvalidAliasNameException", message); }

    static AwsException kmsInvalidState(String message) { return new AwsException(400, "KMSInvalidStateException", message); }
}
