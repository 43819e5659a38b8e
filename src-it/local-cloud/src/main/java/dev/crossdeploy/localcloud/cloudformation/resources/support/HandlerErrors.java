package dev.crossdeploy.localcloud.cloudformation.resources.support;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.http.AwsException;

/**
 * Failure reasons in the shape CloudFormation's resource handlers report them:
 * {@code Resource handler returned message: "<service message> (Service: Lambda, Status Code: 400,
 * Request ID: ...)" (RequestToken: ..., HandlerErrorCode: InvalidRequest)}.
 */
public final class HandlerErrors {
    private HandlerErrors() {}

    /** A service API call failed. */
    public static ResourceFailure service(ApiService service, int status, String handlerErrorCode, String message) {
        // S3 has its own request-id shapes: 16 characters and a base64 host id.
        String ids = service == ApiService.S3
                ? "Request ID: " + Names.randomUpper(16) + ", Extended Request ID: " + extendedRequestId()
                : "Request ID: " + Names.uuid();
        return handler(handlerErrorCode, message + " (Service: " + service.sdkName() + ", Status Code: " + status + ", " + ids + ")");
    }

    /** The handler itself refused, without a service call. */
    public static ResourceFailure handler(String handlerErrorCode, String message) {
        return new ResourceFailure("Resource handler returned message: \"" + message + "\" (RequestToken: "
                + Names.uuid() + ", HandlerErrorCode: " + handlerErrorCode + ")");
    }

    public static ResourceFailure invalidRequest(ApiService service, String message) {
        return service(service, 400, "InvalidRequest", message);
    }

    public static ResourceFailure alreadyExists(String type, String identifier) {
        return handler("AlreadyExists", "Resource of type '" + type + "' with identifier '" + identifier + "' already exists.");
    }

    public static ResourceFailure notFound(String type, String identifier) {
        return handler("NotFound", "Resource of type '" + type + "' with identifier '" + identifier + "' was not found.");
    }

    /** A failure raised by one of the cloud's own stores (IAM, S3), in the service's words. */
    public static ResourceFailure from(ApiService service, AwsException e) {
        return service(service, e.status(), handlerCode(e), e.getMessage());
    }

    /** A call into one of the cloud's stores. */
    @FunctionalInterface
    public interface StoreCall<T> {
        T run();
    }

    /** Runs a store call, turning its AWS error into the handler's failure. */
    public static <T> T call(ApiService service, StoreCall<T> call) throws ResourceFailure {
        try {
            return call.run();
        } catch (AwsException e) {
            throw from(service, e);
        }
    }

    public static void run(ApiService service, Runnable call) throws ResourceFailure {
        call(service, () -> {
            call.run();
            return null;
        });
    }

    private static String extendedRequestId() {
        byte[] b = new byte[56];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    private static String handlerCode(AwsException e) {
        return switch (e.code()) {
            case "EntityAlreadyExists", "BucketAlreadyExists", "BucketAlreadyOwnedByYou", "ResourceInUseException" -> "AlreadyExists";
            case "NoSuchEntity", "NoSuchBucket", "NoSuchKey", "ResourceNotFoundException" -> "NotFound";
            case "AccessDenied", "AccessDeniedException" -> "AccessDenied";
            case "LimitExceeded" -> "ServiceLimitExceeded";
            case "DeleteConflict", "ConflictException" -> "ResourceConflict";
            case "BucketNotEmpty" -> "GeneralServiceException";
            default -> e.status() >= 500 ? "ServiceInternalError" : "InvalidRequest";
        };
    }
}
