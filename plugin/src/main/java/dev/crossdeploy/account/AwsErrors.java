package dev.crossdeploy.account;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where an AWS or network failure becomes the line a user reads: what went
 * wrong and the next step, for every service, with no SDK class name and no "null" in it.
 * Engine code that can say more about its own context (a bucket that does not exist, a role
 * that cannot be assumed) adds that in front; everything else reaches the goal's error handling
 * and is explained here.
 */
public final class AwsErrors {
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired",
            "TokenRefreshRequired");
    private static final Set<String> NOT_ACCEPTED = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "IncompleteSignature", "AuthFailure",
            "InvalidSignatureException", "MissingAuthenticationToken");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");

    private AwsErrors() {}

    /** The AWS SDK failure in {@code t} or its causes, if any. */
    public static Optional<SdkException> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SdkException e) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** The line for an AWS failure in {@code t} or its causes; empty when {@code t} is not one. */
    public static Optional<String> explainAny(Throwable t) {
        return find(t).map(AwsErrors::explain);
    }

    /** One line: what failed and what to do next. */
    public static String explain(SdkException e) {
        if (e instanceof SdkServiceException s) return service(s);
        return client(e);
    }

    /** "Code: message" of a service's answer, or what is known of it ("HTTP 403"); never null. */
    public static String describe(SdkServiceException e) {
        String code = code(e);
        String message = message(e);
        // A HEAD or an error without a body leaves only the status (and the SDK's reason phrase).
        if (code.isEmpty()) return "HTTP " + e.statusCode() + (message.isEmpty() ? "" : " " + message);
        return message.isEmpty() ? code + " (HTTP " + e.statusCode() + ")" : code + ": " + message;
    }

    private static String service(SdkServiceException e) {
        String service = serviceName(e);
        String code = code(e);
        // S3 answers 503 only as SlowDown, which a HEAD cannot name for lack of a body.
        if (e.isThrottlingException() || e.statusCode() == 429 || (e.statusCode() == 503 && service.equals("S3"))) {
            return service + " kept throttling the requests (" + describe(e) + ") until the retries ran out;"
                    + " wait a few minutes and run again, or run fewer deployments at the same time.";
        }
        if (EXPIRED.contains(code)) {
            return service + " refused the AWS credentials as expired (" + code + "); renew them"
                    + " (a new session, or aws sso login) and run again.";
        }
        if (NOT_ACCEPTED.contains(code)) {
            return service + " does not accept the AWS credentials (" + code + "); check the build's"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and run again.";
        }
        if (DENIED.contains(code) || e.statusCode() == 403) {
            return service + " denied access (" + describe(e) + "); allow the action for the role in use,"
                    + " or check that the stage's account, role and bucket are the intended ones.";
        }
        if (e.statusCode() >= 500) {
            return service + " failed on its side (" + describe(e) + ") and the retries ran out; run again later.";
        }
        return service + " refused the request (" + describe(e) + "); fix what it names and run again.";
    }

    private static String client(SdkException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) {
                return "Cannot resolve the AWS endpoint's host " + text(c.getMessage()) + "; check AWS_ENDPOINT_URL"
                        + " (or the stage's region) and the build's DNS and network.";
            }
            if (c instanceof ConnectException) {
                return "The AWS endpoint refused the connection (" + text(c.getMessage()) + "); check that"
                        + " AWS_ENDPOINT_URL names a running endpoint and that the network lets the build reach it.";
            }
            if (c instanceof SocketTimeoutException || c instanceof ApiCallTimeoutException
                    || c instanceof ApiCallAttemptTimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
                return "Timed out waiting for the AWS endpoint, also after retries; check the network, proxy settings"
                        + " and AWS_ENDPOINT_URL, then run again.";
            }
            if (c.getClass().getSimpleName().equals("NoHttpResponseException")) {
                return "The AWS endpoint closed the connection without answering, also after retries; run again,"
                        + " and check any proxy between the build and AWS.";
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Unable to load credentials") || message.contains("credentials")) {
            return "No usable AWS credentials for the build; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                    + " or AWS_PROFILE, or run where an instance or container role is available.";
        }
        if (message.contains("Unable to load region")) {
            return "No AWS region is configured; set AWS_REGION and run again.";
        }
        return "Could not complete the call to AWS (" + text(message) + "); check the network and AWS_ENDPOINT_URL,"
                + " then run again.";
    }

    private static String serviceName(SdkServiceException e) {
        String name = e instanceof AwsServiceException a && a.awsErrorDetails() != null ? a.awsErrorDetails().serviceName() : null;
        if (name == null || name.isBlank()) return "AWS";
        return name.equalsIgnoreCase("sts") ? "STS" : name;
    }

    private static String code(SdkServiceException e) {
        String code = e instanceof AwsServiceException a && a.awsErrorDetails() != null ? a.awsErrorDetails().errorCode() : null;
        return code == null || code.isBlank() ? "" : code.trim();
    }

    private static String message(SdkServiceException e) {
        String message = e instanceof AwsServiceException a && a.awsErrorDetails() != null ? a.awsErrorDetails().errorMessage() : null;
        return message == null || message.isBlank() ? "" : text(message);
    }

    /** One line, without the Java class names and "null"s that SDK and JDK messages carry. */
    static String text(String s) {
        if (s == null) return "no details";
        String line = s.replaceAll("\\s*\\R\\s*", " ")
                .replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*", "")
                .replaceAll("\\bnull\\b", "")
                .replaceAll("\\(\\s*\\)", "")
                .replaceAll("\\s{2,}", " ")
                .trim();
        return line.isEmpty() ? "no details" : line;
    }
}
