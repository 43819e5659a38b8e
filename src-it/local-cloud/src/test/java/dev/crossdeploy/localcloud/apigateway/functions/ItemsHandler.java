package dev.crossdeploy.localcloud.apigateway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * A small service's function, as a team would write it: stores and reads items in the table
 * named by TABLE_NAME with the SDK's default credentials and endpoint (what Lambda gives),
 * throws on /boom and sleeps on /slow.
 */
public class ItemsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(System.getenv("AWS_REGION")))
            .build();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String path = event.getPath();
        if (path.endsWith("/boom")) throw new IllegalStateException("boom on purpose");
        if (path.endsWith("/slow")) {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer(200, "{\"slept\":true}");
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        String table = System.getenv("TABLE_NAME");
        if ("PUT".equals(event.getHttpMethod())) {
            dynamo.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id),
                    "body", AttributeValue.fromS(event.getBody()))));
            return answer(201, "{\"id\":\"" + id + "\"}");
        }
        var item = dynamo.getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))).item();
        return item.isEmpty() ? answer(404, "{\"message\":\"no item " + id + "\"}") : answer(200, item.get("body").s());
    }

    private static APIGatewayProxyResponseEvent answer(int status, String body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(body);
    }
}
