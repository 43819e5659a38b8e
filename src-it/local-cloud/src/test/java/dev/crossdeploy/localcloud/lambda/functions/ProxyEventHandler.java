package dev.crossdeploy.localcloud.lambda.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.Map;

/** Takes API Gateway's proxy event and answers with a proxy response, as the example API's handler does. */
public class ProxyEventHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"method\":\"" + event.getHttpMethod() + "\",\"path\":\"" + event.getPath() + "\",\"id\":\"" + id
                        + "\",\"stage\":\"" + event.getRequestContext().getStage() + "\",\"body\":" + event.getBody() + "}");
    }
}
