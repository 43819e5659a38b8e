package dev.crossdeploy.localcloud.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.crossdeploy.localcloud.apigateway.ApiStacks.get;
import static dev.crossdeploy.localcloud.apigateway.ApiStacks.send;
import static dev.crossdeploy.localcloud.apigateway.ApiStacks.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The proxy event a function receives, how its answer becomes the HTTP response, and API Gateway's 5xx answers. */
class ExecuteApiProxyTest {
    private static final byte[] PNG_BYTES = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};

    private static TestFunctions functions;
    private static LocalCloud cloud;
    private static Map<String, String> outputs;
    private static String apiId;

    @BeforeAll
    static void deploy() {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(1).module(state -> functions = new TestFunctions(state)).start();
        outputs = new ApiStacks(cloud).deploy("notes", NotesApi.TEMPLATE, Map.of());
        apiId = URI.create(outputs.get("ApiUrl")).getHost().split("\\.")[0];
    }

    @AfterAll
    static void stop() { cloud.close(); }

    @BeforeEach
    void forget() { functions.forget(); }

    private static URI url(String path) { return ExecuteApiUrls.local(outputs.get("ApiUrl") + path, cloud.endpoint()); }

    @Test
    void theEventCarriesWhatAJavaHandlerReads() {
        long before = Instant.now().toEpochMilli();
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/notes/42?tag=a&tag=b&q=x%20y"))
                .header("Content-Type", "application/json").header("X-Custom", "one").header("User-Agent", "notes-test/1.0")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}")));
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode event = functions.lastEvent();
        assertThat(event.get("resource").asText()).isEqualTo("/notes/{id}");
        assertThat(event.get("path").asText()).isEqualTo("/notes/42");
        assertThat(event.get("httpMethod").asText()).isEqualTo("PUT");
        assertThat(event.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(event.get("headers").get("X-Custom").asText()).isEqualTo("one");
        assertThat(event.get("multiValueHeaders").get("X-Custom").toString()).isEqualTo("[\"one\"]");
        assertThat(event.get("headers").get("X-Forwarded-Proto").asText()).isEqualTo("http");
        assertThat(event.get("headers").get("X-Amzn-Trace-Id").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(event.get("queryStringParameters").toString()).isEqualTo("{\"tag\":\"b\",\"q\":\"x y\"}");
        assertThat(event.get("multiValueQueryStringParameters").toString()).isEqualTo("{\"tag\":[\"a\",\"b\"],\"q\":[\"x y\"]}");
        assertThat(event.get("pathParameters").toString()).isEqualTo("{\"id\":\"42\"}");
        assertThat(event.get("stageVariables").toString()).isEqualTo("{\"alias\":\"live\"}");
        assertThat(event.get("body").asText()).isEqualTo("{\"text\":\"hello\"}");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();

        JsonNode ctx = event.get("requestContext");
        assertThat(ctx.get("accountId").asText()).isEqualTo(cloud.accountId("staging"));
        assertThat(ctx.get("apiId").asText()).isEqualTo(apiId);
        assertThat(ctx.get("resourceId").asText()).isEqualTo(outputs.get("NoteResourceId"));
        assertThat(ctx.get("resourcePath").asText()).isEqualTo("/notes/{id}");
        assertThat(ctx.get("httpMethod").asText()).isEqualTo("PUT");
        assertThat(ctx.get("stage").asText()).isEqualTo("staging");
        assertThat(ctx.get("path").asText()).isEqualTo("/staging/notes/42");
        assertThat(ctx.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(ctx.get("domainName").asText()).isEqualTo(apiId + ".execute-api.us-east-1.amazonaws.com");
        assertThat(ctx.get("domainPrefix").asText()).isEqualTo(apiId);
        assertThat(ctx.get("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(ctx.get("extendedRequestId").asText()).isEqualTo(response.headers().firstValue("x-amz-apigw-id").orElseThrow());
        assertThat(ctx.get("requestTime").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(ctx.get("requestTimeEpoch").asLong()).isBetween(before, Instant.now().toEpochMilli());
        assertThat(ctx.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(ctx.get("identity").get("userAgent").asText()).isEqualTo("notes-test/1.0");
        assertThat(ctx.get("identity").get("caller").isNull()).isTrue();
    }

    @Test
    void aRequestWithoutQueryOrBodyHasNullsWhereAwsSendsThem() {
        assertThat(get(url("/notes")).statusCode()).isEqualTo(200);

        JsonNode event = functions.lastEvent();
        assertThat(event.get("queryStringParameters").isNull()).isTrue();
        assertThat(event.get("multiValueQueryStringParameters").isNull()).isTrue();
        assertThat(event.get("pathParameters").isNull()).isTrue();
        assertThat(event.get("body").isNull()).isTrue();
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void aBinaryMediaTypeBodyArrivesBase64Encoded() {
        send(HttpRequest.newBuilder(url("/notes/1")).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG_BYTES)));

        JsonNode event = functions.lastEvent();
        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(PNG_BYTES);
    }

    @Test
    void theProxyResponseBecomesTheHttpResponseWithEveryHeaderValue() {
        functions.answer(call -> TestFunctions.returns("""
                {"statusCode": 201,
                 "headers": {"Content-Type": "text/plain", "X-Note": "42"},
                 "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"], "X-Note": ["42", "43"]},
                 "body": "created", "isBase64Encoded": false}"""));

        HttpResponse<byte[]> response = get(url("/notes"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(text(response)).isEqualTo("created");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.headers().allValues("X-Note")).containsExactly("42", "43");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("x-amz-apigw-id")).isPresent();
        assertThat(response.headers().firstValue("X-Amzn-Trace-Id")).isPresent();
    }

    @Test
    void aResponseWithoutContentTypeIsJson() {
        functions.answer(call -> TestFunctions.returns("{\"statusCode\": 200, \"body\": \"{}\"}"));

        assertThat(get(url("/notes")).headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void aBase64BodyIsSentAsBytesToAClientAcceptingABinaryMediaType() {
        String encoded = Base64.getEncoder().encodeToString(PNG_BYTES);
        functions.answer(call -> TestFunctions.returns("{\"statusCode\": 200, \"headers\": {\"Content-Type\": \"image/png\"},"
                + " \"body\": \"" + encoded + "\", \"isBase64Encoded\": true}"));

        HttpResponse<byte[]> binary = send(HttpRequest.newBuilder(url("/notes")).header("Accept", "image/png"));
        assertThat(binary.body()).isEqualTo(PNG_BYTES);

        HttpResponse<byte[]> text = send(HttpRequest.newBuilder(url("/notes")).header("Accept", "application/json"));
        assertThat(text(text)).as("not a binary media type: API Gateway passes the text on").isEqualTo(encoded);
    }

    @Test
    void aFunctionErrorIsABadGateway() {
        functions.answer(call -> TestFunctions.fails("{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}"));

        assertInternalServerError(get(url("/notes")), 502);
    }

    @Test
    void aMalformedProxyResponseIsABadGateway() {
        for (String malformed : new String[] {
                "\"just a string\"",
                "{\"statusCode\": 200, \"body\": {\"not\": \"a string\"}}",
                "{\"body\": \"no status\"}",
                "{\"statusCode\": 200, \"body\": \"x\", \"extra\": true}",
                "{\"statusCode\": 200, \"headers\": {\"X-List\": [\"a\"]}}",
                "not json"}) {
            functions.answer(call -> TestFunctions.returns(malformed));
            assertInternalServerError(get(url("/notes")), 502);
        }
    }

    @Test
    void anIntegrationSlowerThanTheMethodTimeoutTimesOut() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        functions.answer(call -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestFunctions.returns("{\"statusCode\": 200, \"body\": \"late\"}");
        });
        try {
            HttpResponse<byte[]> response = get(url("/slow"));

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(text(response)).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStageVariableNamesTheAliasTheApiCalls() {
        assertThat(get(url("/aliased")).statusCode()).isEqualTo(200);

        String account = cloud.accountId("staging");
        assertThat(functions.invocations().get(0).functionArn()).isEqualTo("arn:aws:lambda:us-east-1:" + account + ":function:notes-fn:live");
        var check = functions.checks().get(0);
        assertThat(check.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:" + account + ":function:notes-fn:live");
        assertThat(check.principal()).isEqualTo("apigateway.amazonaws.com");
        assertThat(check.sourceArn()).isEqualTo("arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/staging/GET/aliased");
        assertThat(check.sourceAccount()).isEqualTo(account);
    }

    @Test
    void aNonProxyIntegrationIsRefusedSayingWhy() {
        HttpResponse<byte[]> response = get(url("/mock"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(text(response)).contains("serves only AWS_PROXY").contains("MOCK");
        assertThat(functions.invocations()).isEmpty();
    }

    private static void assertInternalServerError(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerErrorException");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }
}
