package dev.crossdeploy.localcloud.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.crossdeploy.localcloud.apigateway.ApiStacks.get;
import static dev.crossdeploy.localcloud.apigateway.ApiStacks.send;
import static dev.crossdeploy.localcloud.apigateway.ApiStacks.text;
import static org.assertj.core.api.Assertions.assertThat;

/** A deployed stage routes like API Gateway: by resource precedence, method, root, greedy paths; in both address forms. */
class ExecuteApiRoutingTest {
    private static TestFunctions functions;
    private static LocalCloud cloud;
    private static String apiUrl;
    private static String apiId;

    @BeforeAll
    static void deploy() {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(1).module(state -> functions = new TestFunctions(state)).start();
        apiUrl = new ApiStacks(cloud).deploy("notes", NotesApi.TEMPLATE, Map.of()).get("ApiUrl");
        apiId = URI.create(apiUrl).getHost().split("\\.")[0];
    }

    @AfterAll
    static void stop() { cloud.close(); }

    @BeforeEach
    void forget() { functions.forget(); }

    private static URI url(String path) { return ExecuteApiUrls.local(apiUrl + path, cloud.endpoint()); }

    private static JsonNode call(String method, String path) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url(path)).method(method, HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return functions.lastEvent();
    }

    @Test
    void literalPartsBeatParametersWhichBeatGreedyPaths() {
        JsonNode special = call("GET", "/notes/special");
        assertThat(special.get("resource").asText()).isEqualTo("/notes/special");
        assertThat(special.get("pathParameters").isNull()).isTrue();

        JsonNode note = call("GET", "/notes/42");
        assertThat(note.get("resource").asText()).isEqualTo("/notes/{id}");
        assertThat(note.get("path").asText()).isEqualTo("/notes/42");
        assertThat(note.get("pathParameters").toString()).isEqualTo("{\"id\":\"42\"}");

        JsonNode deeper = call("GET", "/notes/42/tags");
        assertThat(deeper.get("resource").asText()).isEqualTo("/{proxy+}");
        assertThat(deeper.get("pathParameters").toString()).isEqualTo("{\"proxy\":\"notes/42/tags\"}");
    }

    @Test
    void aGreedyPathTakesEverySegmentBelowItsParent() {
        JsonNode file = call("GET", "/files/reports/2024/q1%20final.pdf");
        assertThat(file.get("resource").asText()).isEqualTo("/files/{proxy+}");
        assertThat(file.get("path").asText()).as("still encoded, as REST APIs send it").isEqualTo("/files/reports/2024/q1%20final.pdf");
        assertThat(file.get("pathParameters").get("proxy").asText()).isEqualTo("reports/2024/q1 final.pdf");
    }

    @Test
    void theRootIsItsOwnResourceWithOrWithoutTrailingSlash() {
        assertThat(call("GET", "/").get("resource").asText()).isEqualTo("/");
        JsonNode bare = call("GET", "");
        assertThat(bare.get("resource").asText()).isEqualTo("/");
        assertThat(bare.get("path").asText()).isEqualTo("/");
        assertThat(bare.get("requestContext").get("path").asText()).isEqualTo("/staging/");
    }

    @Test
    void aSpecificMethodBeatsAnyOnTheSameResource() {
        call("GET", "/notes");
        assertThat(functions.invocations().get(0).functionArn()).endsWith(":function:notes-fn");
        JsonNode post = call("POST", "/notes");
        assertThat(functions.invocations().get(1).functionArn()).endsWith(":function:notes-other");
        assertThat(post.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(post.get("resource").asText()).isEqualTo("/notes");
    }

    @Test
    void aPathWithoutAMatchingMethodIsMissingAnAuthenticationToken() {
        for (var request : new String[][] {{"DELETE", "/notes/42"}, {"POST", "/"}}) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url(request[1]))
                    .method(request[0], HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(text(response)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        assertThat(functions.invocations()).isEmpty();
    }

    @Test
    void anUnknownStageOrApiIsForbidden() {
        HttpResponse<byte[]> stage = get(URI.create(cloud.endpoint() + "/_aws/execute-api/" + apiId + "/prod/notes"));
        assertThat(stage.statusCode()).isEqualTo(403);
        assertThat(text(stage)).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(stage.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");

        HttpResponse<byte[]> api = get(URI.create(cloud.endpoint() + "/_aws/execute-api/nosuchapi0/staging/notes"));
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(text(api)).isEqualTo("{\"message\":\"Forbidden\"}");
    }

    @Test
    void thePathFormServesTheStageAtTheDocumentedUrl() {
        HttpResponse<byte[]> response = get(URI.create(cloud.endpoint() + "/_aws/execute-api/" + apiId + "/staging/notes/7?x=1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("ok");
        JsonNode event = functions.lastEvent();
        assertThat(event.get("path").asText()).isEqualTo("/notes/7");
        assertThat(event.get("requestContext").get("path").asText()).isEqualTo("/staging/notes/7");
        assertThat(event.get("queryStringParameters").toString()).isEqualTo("{\"x\":\"1\"}");
    }

    @Test
    void theHostFormServesTheStageAsAwsAddressesIt() throws IOException {
        String answer = rawGet(apiId + ".execute-api.us-east-1.amazonaws.com:443", "/staging/notes/7");

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("ok");
        JsonNode event = functions.lastEvent();
        assertThat(event.get("resource").asText()).isEqualTo("/notes/{id}");
        assertThat(event.get("requestContext").get("path").asText()).isEqualTo("/staging/notes/7");
        assertThat(event.get("requestContext").get("domainName").asText()).isEqualTo(apiId + ".execute-api.us-east-1.amazonaws.com");
        assertThat(event.get("headers").get("Host").asText()).isEqualTo(apiId + ".execute-api.us-east-1.amazonaws.com:443");

        assertThat(rawGet(apiId + ".execute-api.eu-west-1.amazonaws.com", "/staging/notes/7"))
                .as("another region's API of that id").startsWith("HTTP/1.1 403").endsWith("{\"message\":\"Forbidden\"}");
    }

    /** The JDK client will not send its own Host header, so this one speaks HTTP/1.1 on a socket. */
    private static String rawGet(String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cloud.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
