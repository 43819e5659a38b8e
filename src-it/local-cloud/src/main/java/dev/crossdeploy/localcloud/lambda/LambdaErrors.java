package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.http.AwsException;

/** Lambda's API errors, with the codes and statuses botocore's model gives them. */
final class LambdaErrors {
    private LambdaErrors() {}

    static AwsException notFound(String message) {
        return new AwsException(404, "ResourceNotFoundException", message);
    }

    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterValueException", message);
    }

    static AwsException accessDenied(String message) {
        return new AwsException(403, "AccessDeniedException", message);
    }

    static AwsException tooManyRequests(String message) {
        return new AwsException(429, "TooManyRequestsException", message);
    }

    static AwsException invalidRuntime(String message) {
        return new AwsException(502, "InvalidRuntimeException", message, false);
    }

    static AwsException tooLarge(String message) {
        return new AwsException(413, "RequestTooLargeException", message);
    }
}
