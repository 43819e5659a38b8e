package dev.crossdeploy.localcloud.dynamodb;

import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.http.JsonErrorBody;
import dev.crossdeploy.localcloud.http.JsonProtocolService;

import java.util.Set;

/**
 * DynamoDB's JSON 1.0 error bodies: {@code {"__type":"<namespace>#<Code>","message":"..."}}.
 * Errors raised before DynamoDB itself runs (authentication, authorization, throttling) carry
 * the {@code com.amazon.coral.service} namespace, and AccessDeniedException spells its
 * message member "Message".
 */
final class DynamoDbErrors {
    private static final String CORAL = "com.amazon.coral.service#";
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static final Set<String> CORAL_CODES = Set.of("AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "IncompleteSignatureException", "MissingAuthenticationTokenException",
            "ExpiredTokenException", "ThrottlingException", "SerializationException", "UnknownOperationException",
            "RequestEntityTooLarge", "ServiceUnavailableException", "InternalFailure");

    private DynamoDbErrors() {}

    static CloudResponse render(AwsException e) {
        String code = jsonCode(e.code());
        // DynamoDB answers authentication and authorization failures with 400, not 403.
        return JsonErrorBody.render(e.status() == 403 ? 400 : e.status(), JsonProtocolService.JSON_1_0,
                (CORAL_CODES.contains(code) ? CORAL : DYNAMODB) + code,
                code.equals("AccessDeniedException") ? "Message" : "message", e.getMessage());
    }

    /** The front door's query-protocol codes, in the names DynamoDB uses for them. */
    private static String jsonCode(String code) {
        return switch (code) {
            case "InvalidClientTokenId" -> "UnrecognizedClientException";
            case "SignatureDoesNotMatch", "RequestTimeTooSkewed" -> "InvalidSignatureException";
            case "IncompleteSignature" -> "IncompleteSignatureException";
            case "MissingAuthenticationToken" -> "MissingAuthenticationTokenException";
            case "ExpiredToken" -> "ExpiredTokenException";
            case "AccessDenied" -> "AccessDeniedException";
            case "ServiceUnavailable" -> "ServiceUnavailableException";
            default -> code;
        };
    }
}
