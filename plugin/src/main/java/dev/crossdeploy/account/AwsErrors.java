package dev.crossdeploy.account;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern UNRECOGNIZED_TYPES = Pattern.compile("Unrecognized resource types: \\[([^]]*)]");
    private static final Pattern UNRESOLVED = Pattern.compile("Unresolved resource dependencies \\[([^]]*)]");
    private static final Pattern MISSING_VALUES = Pattern.compile("Parameters: \\[([^]]*)] must have values");
    private static final Pattern PARAMETER_CONSTRAINT = Pattern.compile("Parameter '?([\\w:.-]+)'? (?:must|failed to satisfy)");
    private static final Pattern ROLE_INVALID = Pattern.compile("Role (\\S+) is invalid or cannot be assumed");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");

    private AwsErrors() {}

    /** The AWS SDK failure in {@code t} or its causes, if any. */
    public static Optional<SdkException> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SdkException e) return Optional.of(e);
        }
        return Optional.empty();
    }

    /**
     * The line for an AWS failure in {@code t} or its causes, or for an endpoint setting the SDK
     * could not use; empty when {@code t} is neither.
     */
    public static Optional<String> explainAny(Throwable t) {
        Optional<String> aws = find(t).map(AwsErrors::explain);
        if (aws.isPresent()) return aws;
        Optional<URISyntaxException> endpoint = cause(t, URISyntaxException.class);
        Optional<String> configured = configuredEndpoint();
        if (endpoint.isPresent() && configured.isPresent()) {
            return Optional.of("AWS_ENDPOINT_URL '" + configured.get() + "' is not a usable URL (" + text(endpoint.get().getMessage())
                    + "); use the form http://host:port (or https://...), or unset it to reach AWS's own endpoints.");
        }
        return network(t, null).filter(line -> cause(t, java.io.IOException.class).isPresent());
    }

    /** One line: what failed and what to do next. */
    public static String explain(SdkException e) {
        return explain(e, null);
    }

    /**
     * One line: what failed and what to do next.
     *
     * @param endpoint the endpoint the engine was told to use (null: the SDK's own resolution),
     *                 named when the endpoint could not be reached
     */
    public static String explain(SdkException e, URI endpoint) {
        if (e instanceof SdkServiceException s) return service(s);
        return client(e, endpoint);
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
        return service + " refused the request (" + describe(e) + "); " + nextStep(message(e)) + ".";
    }

    /**
     * What to do about a CloudFormation refusal (a ValidationError's message, or a change set's
     * status reason): the common ones get their own next step, anything else "fix what it names".
     */
    public static String nextStep(String cloudFormationMessage) {
        String m = cloudFormationMessage == null ? "" : cloudFormationMessage;
        Matcher types = UNRECOGNIZED_TYPES.matcher(m);
        if (types.find()) {
            return "fix the Type of " + types.group(1) + " in the template (AWS::<service>::<resource>, as CloudFormation's"
                    + " resource type reference spells it) and run again";
        }
        Matcher unresolved = UNRESOLVED.matcher(m);
        if (unresolved.find()) {
            return "declare " + unresolved.group(1) + " in the template's Resources or Parameters, or fix the Ref,"
                    + " Fn::GetAtt or Fn::Sub that names it, and run again";
        }
        Matcher missing = MISSING_VALUES.matcher(m);
        if (missing.find()) {
            return "set " + missing.group(1) + " in the stage's parameters or give it a Default in the template, and run again";
        }
        Matcher constraint = PARAMETER_CONSTRAINT.matcher(m);
        if (constraint.find()) {
            return "set parameter " + constraint.group(1) + " in the stage's parameters to a value the template's"
                    + " AllowedValues, AllowedPattern or limits accept, and run again";
        }
        Matcher role = ROLE_INVALID.matcher(m);
        if (role.find()) {
            return "the stage's CloudFormation execution role must exist in the stage's account and trust"
                    + " cloudformation.amazonaws.com: bootstrap the account (crossdeploy:bootstrap) or fix the stage's"
                    + " executionRoleArn, and run again";
        }
        if (m.contains("Requires capabilities")) {
            return "add the capability it names to the stage's capabilities, and run again";
        }
        if (m.startsWith("Template format error")) return "fix the template there and run again";
        return "fix what it names and run again";
    }

    private static String client(SdkException e, URI endpoint) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String noCredentials = "No usable AWS credentials for the build; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                + " or AWS_PROFILE, or run where an instance or container role is available.";
        // The provider chain's summary names every provider's failure, IMDS timeouts included: not a network fault.
        if (message.contains("Unable to load credentials")) return noCredentials;
        Optional<String> network = network(e, endpoint);
        if (network.isPresent()) return network.get();
        if (message.contains("credentials")) return noCredentials;
        if (message.contains("Unable to load region")) {
            return "No AWS region is configured; set AWS_REGION and run again.";
        }
        return "Could not complete the call to AWS (" + text(message) + "); check the network and AWS_ENDPOINT_URL,"
                + " then run again.";
    }

    /** What a network failure in {@code t} or its causes means for the user, naming the endpoint tried. */
    private static Optional<String> network(Throwable t, URI endpoint) {
        Optional<UnknownHostException> unknown = cause(t, UnknownHostException.class);
        if (unknown.isPresent()) {
            // The JDK says "host: Name or service not known"; the host is what the user can check.
            String host = text(unknown.get().getMessage()).split(": ", 2)[0];
            String what = endpoint(t, endpoint).map(u -> "The AWS endpoint " + u + " cannot be reached: its host ")
                    .orElse("The AWS endpoint's host ");
            return Optional.of(what + host + " is unknown; check AWS_ENDPOINT_URL (or the stage's region) and the build's"
                    + " DNS, then run again.");
        }
        String name = endpoint(t, endpoint).map(u -> "The AWS endpoint " + u).orElse("The AWS endpoint");
        if (cause(t, NoRouteToHostException.class).isPresent() || mentions(t, "Network is unreachable")) {
            return Optional.of(name + " is unreachable from the build's network (no route to it); check AWS_ENDPOINT_URL"
                    + " and the network's routes, proxy and firewall, then run again.");
        }
        if (cause(t, ConnectException.class).isPresent()) {
            return Optional.of(name + " refused the connection; check that AWS_ENDPOINT_URL names a running endpoint"
                    + " and that the build's network reaches it, then run again.");
        }
        // One line for a reset and a close without an answer: which of the two the JDK's HTTP client
        // reports for an endpoint that resets depends on whether the reset meets its write ("Error
        // writing to server", "Connection reset") or its read ("Unexpected end of file from server",
        // Linux answering reads after a reset with end of file); the advice is the same.
        if (mentions(t, "Connection reset") || mentions(t, "Error writing to server")
                || simpleNameContains(t, "NoHttpResponse") || mentions(t, "Unexpected end of file from server")) {
            return Optional.of(name + " dropped the connection without answering (closed or reset it), also after"
                    + " retries; check any proxy or firewall between the build and the endpoint and that"
                    + " AWS_ENDPOINT_URL names an AWS endpoint, then run again.");
        }
        if (cause(t, ApiCallAttemptTimeoutException.class).isPresent() || cause(t, ApiCallTimeoutException.class).isPresent()
                || cause(t, SocketTimeoutException.class).isPresent() || simpleNameContains(t, "Timeout")) {
            return Optional.of(name + " did not answer in time, also after retries; check the network, proxy settings and"
                    + " AWS_ENDPOINT_URL (crossdeploy.awsCallTimeout sets how long each call may take), then run again.");
        }
        if (cause(t, SSLException.class).isPresent()) {
            return Optional.of("The TLS connection to " + "t" + name.substring(1)
                    + " failed (" + text(cause(t, SSLException.class).get().getMessage()) + "); check the scheme of"
                    + " AWS_ENDPOINT_URL (http or https) and any proxy that intercepts TLS, then run again.");
        }
        return Optional.empty();
    }

    /**
     * The endpoint the failed call went to: the one the engine was given, else the SDK's endpoint
     * settings (as the user wrote them), else the one noted on the failure ({@link FailedEndpoint}).
     */
    private static Optional<String> endpoint(Throwable t, URI given) {
        if (given != null) return Optional.of(given.toString());
        Optional<String> configured = configuredEndpoint();
        if (configured.isPresent()) return configured;
        return FailedEndpoint.noted(t);
    }

    /** AWS_ENDPOINT_URL (or the aws.endpointUrl system property), as the SDK reads it. */
    private static Optional<String> configuredEndpoint() {
        for (String value : new String[] {System.getProperty("aws.endpointUrl"), System.getenv("AWS_ENDPOINT_URL")}) {
            if (value != null && !value.isBlank()) return Optional.of(value.trim());
        }
        return Optional.empty();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return Optional.of(type.cast(c));
        }
        return Optional.empty();
    }

    private static boolean mentions(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(text)) return true;
        }
        return false;
    }

    private static boolean simpleNameContains(Throwable t, String part) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getClass().getSimpleName().contains(part)) return true;
        }
        return false;
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
