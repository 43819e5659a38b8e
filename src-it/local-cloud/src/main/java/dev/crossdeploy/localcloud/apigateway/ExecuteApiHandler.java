package dev.crossdeploy.localcloud.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.lambda.FunctionInvoker;
import dev.crossdeploy.localcloud.lambda.FunctionNotFoundException;
import dev.crossdeploy.localcloud.lambda.InvocationResult;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execute-api request, start to end: find the deployed stage, route, check the function's
 * resource policy, invoke with the method's timeout and map the proxy response, answering with
 * API Gateway's own errors where a step fails.
 */
final class ExecuteApiHandler {
    /** API Gateway's payload limit for REST APIs. */
    private static final int MAX_BODY = 10 * 1024 * 1024;
    private static final String PRINCIPAL = "apigateway.amazonaws.com";

    private final CloudState state;
    private final ExecutorService integrations;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    ExecuteApiHandler(CloudState state, ExecutorService integrations) {
        this.state = state;
        this.integrations = integrations;
    }

    CloudResponse handle(CloudRequest request, ExecuteApiAddress address) {
        String apigwId = apigwId();
        return answer(request, address, apigwId).header("x-amz-apigw-id", apigwId);
    }

    private CloudResponse answer(CloudRequest request, ExecuteApiAddress address, String apigwId) {
        Optional<DeployedStage> deployed = DeployedStage.load(state, address);
        if (deployed.isEmpty()) return GatewayResponses.forbidden();
        DeployedStage stage = deployed.get();
        List<String> segments = segments(address.rawPath());
        if (segments == null) return GatewayResponses.missingAuthenticationToken();
        Optional<DeployedStage.Route> route = stage.route(request.method(), segments);
        if (route.isEmpty()) return GatewayResponses.missingAuthenticationToken();

        LambdaProxyIntegration integration;
        try {
            integration = LambdaProxyIntegration.of(route.get().method(), route.get().resource().path(), stage.variables());
        } catch (LambdaProxyIntegration.Unsupported e) {
            return GatewayResponses.notServedLocally(e.getMessage());
        }
        byte[] body;
        try {
            body = request.bodyBytes(MAX_BODY);
        } catch (AwsException e) {
            return GatewayResponses.requestTooLong();
        }
        // REST APIs hand the function the path still percent-encoded; path parameters decoded.
        String path = address.rawPath();
        String traceId = traceId();
        var context = new ProxyEvent.Context(stage, route.get(), path, request.requestId(), apigwId, traceId,
                state.clock().instant(), state.endpoint().getPort());
        byte[] event;
        try {
            event = json.writeValueAsBytes(ProxyEvent.build(json, request, body, context));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        FunctionInvoker lambda;
        try {
            lambda = state.module(FunctionInvoker.class);
        } catch (IllegalStateException e) {
            return GatewayResponses.notServedLocally("The local cloud runs no Lambda module to invoke " + integration.functionArn());
        }
        String sourceArn = "arn:aws:execute-api:" + stage.region() + ":" + stage.accountId() + ":" + stage.apiId() + "/"
                + stage.stageName() + "/" + request.method() + route.get().resource().path();
        if (!lambda.allowsInvoke(integration.functionArn(), PRINCIPAL, sourceArn, stage.accountId())) {
            return GatewayResponses.internalServerError();
        }
        Future<InvocationResult> call = integrations.submit(() -> lambda.invoke(integration.functionArn(), event));
        InvocationResult result;
        try {
            result = call.get(integration.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return GatewayResponses.endpointTimedOut();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return GatewayResponses.endpointTimedOut();
        } catch (ExecutionException e) {
            return e.getCause() instanceof FunctionNotFoundException
                    ? GatewayResponses.internalServerError() : GatewayResponses.badGateway();
        }
        if (result.failed()) return GatewayResponses.badGateway();
        boolean acceptsBinary = MediaTypes.isBinary(request.header("Accept"), stage.binaryMediaTypes());
        return ProxyResponse.map(json, result.payload(), acceptsBinary)
                .map(r -> r.header("X-Amzn-Trace-Id", traceId))
                .orElseGet(GatewayResponses::badGateway);
    }

    /** The decoded, non-empty segments of a raw path; null when it cannot be decoded. */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (raw.isEmpty()) continue;
            try {
                out.add(CloudRequest.decodePath(raw));
            } catch (AwsException e) {
                return null;
            }
        }
        return out;
    }

    /** Like API Gateway's x-amz-apigw-id (and extendedRequestId): 11 random bytes in base64. */
    private String apigwId() {
        byte[] bytes = new byte[11];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** An X-Ray trace id: version, epoch seconds in hex, 96 random bits. */
    private String traceId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(state.clock().instant().getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }
}
