package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Gateway's data plane: every deployed REST API stage answers HTTP, routed by the
 * Resource, Method, Deployment and Stage records CloudFormation wrote, with Lambda proxy (AWS_PROXY)
 * integrations run through the cloud's {@link dev.crossdeploy.localcloud.lambda.FunctionInvoker}.
 * <p>
 * A stage is reached, unsigned, on the cloud's own port in either of two forms:
 * <ul>
 *   <li>by Host, as in AWS: {@code Host: {apiId}.execute-api.{region}.amazonaws.com} (any port),
 *       the path starting with the stage: {@code GET /staging/notes};</li>
 *   <li>by path, as LocalStack documents it:
 *       {@code http://localhost:4566/_aws/execute-api/{apiId}/{stage}/notes}
 *       ({@link ExecuteApiUrls#local} turns a stack's ApiUrl output into this form).</li>
 * </ul>
 * Routing follows API Gateway: literal path parts beat {@code {param}}, which beats a greedy
 * {@code {proxy+}}; a specific method beats ANY; no match answers 403 Missing Authentication
 * Token, an unknown API or stage 403 Forbidden. The stage must point at a deployment of its API
 * and serves the resources and methods that deployment froze, so edits show after a redeploy.
 */
public final class ApiGatewayModule implements CloudModule {
    private final ExecuteApiHandler handler;
    private final ExecutorService integrations;

    public ApiGatewayModule(CloudState state) {
        AtomicInteger n = new AtomicInteger();
        // Integrations run apart from the HTTP thread so that a method's timeout can end the wait.
        this.integrations = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "apigateway-integration-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.handler = new ExecuteApiHandler(state, integrations);
    }

    @Override
    public Optional<CloudResponse> serve(CloudRequest request) {
        return ExecuteApiAddress.of(request).map(address -> {
            try {
                return handler.handle(request, address);
            } catch (RuntimeException e) {
                // A client of a deployed API gets API Gateway's answer, never the cloud's XML fault.
                return GatewayResponses.internalServerError();
            }
        });
    }

    @Override
    public void close() { integrations.shutdownNow(); }
}
