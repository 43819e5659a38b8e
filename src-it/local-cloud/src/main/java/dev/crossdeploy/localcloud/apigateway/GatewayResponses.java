package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.http.CloudResponse;

/**
 * API Gateway's own answers when a request does not reach, or does not come back from, the
 * integration: status, body and x-amzn-ErrorType as a REST API sends them by default.
 */
final class GatewayResponses {
    private GatewayResponses() {}

    /** No resource or method matches: API Gateway's answer to any unknown route. */
    static CloudResponse missingAuthenticationToken() {
        return error(403, "MissingAuthenticationTokenException", "{\"message\":\"Missing Authentication Token\"}");
    }

    /** The stage (or API) is not deployed. */
    static CloudResponse forbidden() {
        return error(403, "ForbiddenException", "{\"message\":\"Forbidden\"}");
    }

    /** The integration cannot be called (no permission, no such function, a configuration error). */
    static CloudResponse internalServerError() {
        return error(500, "InternalServerErrorException", "{\"message\": \"Internal server error\"}");
    }

    /** A configuration the local cloud does not serve, said plainly (API Gateway itself would call it). */
    static CloudResponse notServedLocally(String why) {
        return error(500, "InternalServerErrorException",
                "{\"message\":\"" + why.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    /** The function failed or answered something that is not a proxy response. */
    static CloudResponse badGateway() {
        return error(502, "InternalServerErrorException", "{\"message\": \"Internal server error\"}");
    }

    /** The integration took longer than the method's TimeoutInMillis. */
    static CloudResponse endpointTimedOut() {
        return CloudResponse.status(504).header("Content-Type", "application/json")
                .body("{\"message\": \"Endpoint request timed out\"}");
    }

    /** The request body is over API Gateway's 10 MB payload limit. */
    static CloudResponse requestTooLong() {
        return error(413, "RequestTooLongException", "{\"message\":\"Request Too Long\"}");
    }

    private static CloudResponse error(int status, String type, String body) {
        return CloudResponse.status(status).header("Content-Type", "application/json")
                .header("x-amzn-ErrorType", type).body(body);
    }
}
