package dev.crossdeploy.example.notes.support;

import dev.crossdeploy.example.notes.NotesHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Runs the notes API locally (dynalite + the API Gateway stand-in) until stdin closes, and
 * prints {@code API_URL=<url>}: for trying the API by hand and for running ApiIT through failsafe
 * without AWS. Run from example-api with the test classpath.
 */
public final class LocalApiMain {
    private LocalApiMain() {
    }

    public static void main(String[] args) throws Exception {
        try (DynaliteServer dynalite = DynaliteServer.start();
             DynamoDbClient dynamo = DynamoDbClient.builder()
                     .endpointOverride(dynalite.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.builder().build())
                     .build()) {
            dynamo.createTable(create -> create.tableName("notes")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
            dynamo.waiter().waitUntilTableExists(describe -> describe.tableName("notes"));
            try (LocalApiServer api = LocalApiServer.start("local", new NotesHandler(dynamo, "notes"))) {
                System.out.println("API_URL=" + api.baseUrl());
                System.out.flush();
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }
}
