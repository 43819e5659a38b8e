package dev.crossdeploy.example.notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The Lambda entry point behind the API Gateway proxy integration
 * ({@code dev.crossdeploy.example.notes.NotesHandler::handleRequest}). The DynamoDB client and
 * routes are built once per execution environment, during init, so SnapStart snapshots them.
 */
public final class NotesHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** The environment variable naming the notes table. */
    public static final String TABLE_NAME_VARIABLE = "TABLE_NAME";

    private final Router router;

    /** Used by Lambda: the table from {@code TABLE_NAME}, region and credentials from the runtime. */
    public NotesHandler() {
        this(System::getenv);
    }

    /** Reads the settings from {@code environment}; the table name is checked first. */
    NotesHandler(UnaryOperator<String> environment) {
        this(required(environment, TABLE_NAME_VARIABLE), environment);
    }

    private NotesHandler(String tableName, UnaryOperator<String> environment) {
        this(defaultClient(required(environment, "AWS_REGION")), tableName);
    }

    public NotesHandler(DynamoDbClient dynamo, String tableName) {
        this.router = routes(new NotesApi(new NoteRepository(dynamo, tableName, Clock.systemUTC())));
    }

    /** The API's routes: the whole surface of the service in one table. */
    static Router routes(NotesApi api) {
        return new Router()
                .route("POST", "/notes", api::create)
                .route("GET", "/notes", api::list)
                .route("GET", "/notes/{id}", api::get)
                .route("PUT", "/notes/{id}", api::update)
                .route("DELETE", "/notes/{id}", api::delete);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        try {
            return router.handle(ApiRequest.from(event));
        } catch (ApiException e) {
            return Responses.error(e);
        } catch (RuntimeException e) {
            // Details go to the function's log; the client gets no internals.
            System.err.println("Unhandled error for " + event.getHttpMethod() + " " + event.getPath() + ": " + e);
            e.printStackTrace();
            return Responses.error500();
        }
    }

    private static DynamoDbClient defaultClient(String region) {
        // No explicit credentials provider: under SnapStart, Lambda hands credentials to the
        // default chain through the container endpoint, not through AWS_ACCESS_KEY_ID.
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.of(region))
                // Give up (and answer 500) well before the function's 15 s timeout ends the invocation.
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10)))
                .build();
    }

    private static String required(UnaryOperator<String> environment, String name) {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set: the function cannot start");
        }
        return value;
    }
}
