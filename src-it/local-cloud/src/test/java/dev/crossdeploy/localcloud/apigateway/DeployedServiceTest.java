package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.localcloud.apigateway.functions.ItemsHandler;
import dev.crossdeploy.localcloud.lambda.FunctionZips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.apigateway.ApiTemplates.method;
import static dev.crossdeploy.localcloud.apigateway.ApiTemplates.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole service deployed by CloudFormation and run: API Gateway routes to real functions in
 * worker JVMs, which store items in a real table with their execution role's credentials. Each
 * failure answers as API Gateway does in AWS, and IAM, not the test, decides what a role may do.
 */
class DeployedServiceTest {
    private static final String BUCKET = "functions-222222222222";
    private static LocalCloud cloud;
    private static Map<String, String> outputs;
    private static String api;

    @BeforeAll
    static void deployTheService() {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(1).start();
        var account = cloud.account("staging");
        byte[] zip = FunctionZips.of(ItemsHandler.class)
                .librariesMatching("/software/amazon/awssdk/", "/org/reactivestreams/", "/org/slf4j/slf4j-api/",
                        "/com/amazonaws/aws-lambda-java-core/", "/com/amazonaws/aws-lambda-java-events/", "/joda-time/")
                .bytes();
        try (S3Client s3 = S3Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials()).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(r -> r.bucket(BUCKET).key("items.zip"), RequestBody.fromBytes(zip));
        }
        outputs = new ApiStacks(cloud).deploy("items", TEMPLATE, Map.of());
        api = ExecuteApiUrls.local(outputs.get("ApiUrl"), cloud.endpoint()).toString();
        assertThat(account.id()).isEqualTo("222222222222");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void anItemPutThroughTheApiLandsInTheStacksTableAndReadsBack() {
        HttpResponse<byte[]> put = send("PUT", "/items/first", "{\"text\":\"hello\"}");
        assertThat(put.statusCode()).as(ApiStacks.text(put)).isEqualTo(201);

        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build()) {
            var item = dynamo.getItem(r -> r.tableName(outputs.get("TableName")).key(Map.of("id", AttributeValue.fromS("first")))).item();
            assertThat(item.get("body").s()).isEqualTo("{\"text\":\"hello\"}");
        }
        HttpResponse<byte[]> get = send("GET", "/items/first", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(ApiStacks.text(get)).isEqualTo("{\"text\":\"hello\"}");
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(send("GET", "/items/missing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aFunctionThatThrowsIs502InternalServerError() {
        HttpResponse<byte[]> response = send("GET", "/items/boom", null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(ApiStacks.text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(functionLog("items-writer")).anyMatch(line -> line.contains("boom on purpose"));
    }

    @Test
    void aFunctionSlowerThanTheIntegrationTimeoutIs504() {
        HttpResponse<byte[]> response = send("GET", "/slow", null);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(ApiStacks.text(response)).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    }

    @Test
    void aFunctionWhoseRoleMayNotWriteTheTableIsDeniedByIamAndAnswers502() {
        HttpResponse<byte[]> response = send("PUT", "/readonly/second", "{}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(ApiStacks.text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(functionLog("items-reader")).anyMatch(line -> line.contains(
                "assumed-role/items-ReaderRole-") && line.contains("/items-reader is not authorized to perform: dynamodb:PutItem"));
        // Its role may read: the same function answers GETs.
        assertThat(send("GET", "/readonly/second", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRouteWhoseFunctionHasNoInvokePermissionIs500AndTheFunctionNeverRuns() {
        HttpResponse<byte[]> response = send("GET", "/unlinked", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(ApiStacks.text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(v -> assertThat(v).startsWith("InternalServerErrorException"));
        assertThat(functionLog("items-unlinked")).isEmpty();
    }

    private static HttpResponse<byte[]> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return ApiStacks.send(request);
    }

    /** The function's log lines; waits (bounded) for the invocation's END line when it ran. */
    private static List<String> functionLog(String function) {
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build()) {
            Instant deadline = Instant.now().plusSeconds(10);
            while (true) {
                List<String> lines;
                try {
                    lines = logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/" + function)).events().stream()
                            .map(e -> e.message().strip()).toList();
                } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException none) {
                    lines = List.of();
                }
                boolean settled = lines.stream().anyMatch(l -> l.startsWith("END RequestId"));
                if (settled || Instant.now().isAfter(deadline)) return lines;
                try {
                    Thread.sleep(50); // a poll interval, bounded by the deadline above
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return lines;
                }
            }
        }
    }

    private static StaticCredentialsProvider credentials() {
        var account = cloud.account("staging");
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
    }

    private static String function(String logicalId, String name, String role) {
        return """
                  %s:
                    Type: AWS::Lambda::Function
                    Properties:
                      FunctionName: %s
                      Runtime: java17
                      Handler: dev.crossdeploy.localcloud.apigateway.functions.ItemsHandler::handleRequest
                      Role: !GetAtt %s.Arn
                      MemorySize: 256
                      Timeout: 10
                      Code: {S3Bucket: %s, S3Key: items.zip}
                      Environment: {Variables: {TABLE_NAME: !Ref Table}}
                """.formatted(logicalId, name, role, BUCKET);
    }

    private static String role(String logicalId, String actions) {
        return """
                  %s:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
                      Policies:
                        - PolicyName: table
                          PolicyDocument:
                            Version: "2012-10-17"
                            Statement: [{Effect: Allow, Action: [%s], Resource: !GetAtt Table.Arn}]
                        - PolicyName: logs
                          PolicyDocument:
                            Version: "2012-10-17"
                            Statement: [{Effect: Allow, Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*"}]
                """.formatted(logicalId, actions);
    }

    private static String permission(String logicalId, String function) {
        return """
                  %s:
                    Type: AWS::Lambda::Permission
                    Properties:
                      FunctionName: !Ref %s
                      Action: lambda:InvokeFunction
                      Principal: apigateway.amazonaws.com
                      SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
                """.formatted(logicalId, function);
    }

    private static final String TEMPLATE = """
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: items}
            """
            + role("WriterRole", "dynamodb:GetItem, dynamodb:PutItem")
            + role("ReaderRole", "dynamodb:GetItem")
            + function("Writer", "items-writer", "WriterRole")
            + function("Reader", "items-reader", "ReaderRole")
            + function("Unlinked", "items-unlinked", "WriterRole")
            + permission("AllowWriter", "Writer")
            + permission("AllowReader", "Reader")
            + resource("Items", "!GetAtt Api.RootResourceId", "items")
            + resource("Item", "!Ref Items", "{id}")
            + resource("Slow", "!GetAtt Api.RootResourceId", "slow")
            + resource("ReadOnly", "!GetAtt Api.RootResourceId", "readonly")
            + resource("ReadOnlyItem", "!Ref ReadOnly", "{id}")
            + resource("UnlinkedPath", "!GetAtt Api.RootResourceId", "unlinked")
            + method("ItemAny", "!Ref Item", "ANY", "${Writer.Arn}", "")
            + method("SlowAny", "!Ref Slow", "ANY", "${Writer.Arn}", "\n        TimeoutInMillis: 500")
            + method("ReadOnlyAny", "!Ref ReadOnlyItem", "ANY", "${Reader.Arn}", "")
            + method("UnlinkedAny", "!Ref UnlinkedPath", "ANY", "${Unlinked.Arn}", "")
            + """
              Deployment:
                Type: AWS::ApiGateway::Deployment
                DependsOn: [ItemAny, SlowAny, ReadOnlyAny, UnlinkedAny]
                Properties: {RestApiId: !Ref Api}
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties: {RestApiId: !Ref Api, DeploymentId: !Ref Deployment, StageName: test}
            Outputs:
              ApiUrl: {Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"}
              TableName: {Value: !Ref Table}
            """;
}
