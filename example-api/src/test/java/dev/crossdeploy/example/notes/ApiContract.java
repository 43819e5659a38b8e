package dev.crossdeploy.example.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client of the notes API relies on, spoken over HTTP with {@link HttpClient}. Run
 * against the deployed API by {@link ApiIT} and against a local server by {@code LocalHttpApiTest}.
 * Every note a test creates is deleted afterwards, so it can run against a shared stage.
 */
abstract class ApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<String> created = new ArrayList<>();

    /** The API's base URL, such as {@code https://abc.execute-api.us-east-1.amazonaws.com/staging}. */
    protected abstract String baseUrl();

    @AfterEach
    void deleteCreatedNotes() throws Exception {
        for (String id : created) {
            send("DELETE", "/notes/" + id, null);
        }
    }

    @Test
    void noteLifecycle() throws Exception {
        String title = "it-" + UUID.randomUUID();
        HttpResponse<String> createdResponse = send("POST", "/notes", "{\"title\": \"" + title + "\", \"body\": \"first\"}");
        assertThat(createdResponse.statusCode()).as(createdResponse.body()).isEqualTo(201);
        assertThat(createdResponse.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode note = json(createdResponse);
        String id = note.get("id").asText();
        created.add(id);
        assertThat(note.get("version").asLong()).isEqualTo(1);

        HttpResponse<String> read = send("GET", "/notes/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(note);

        HttpResponse<String> updated = send("PUT", "/notes/" + id,
                "{\"title\": \"" + title + "\", \"body\": \"second\", \"version\": 1}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).get("version").asLong()).isEqualTo(2);

        HttpResponse<String> stale = send("PUT", "/notes/" + id,
                "{\"title\": \"" + title + "\", \"body\": \"lost?\", \"version\": 1}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("message").asText()).contains("you sent version 1 but it is now at version 2");
        assertThat(json(send("GET", "/notes/" + id, null)).get("body").asText()).isEqualTo("second");

        HttpResponse<String> deleted = send("DELETE", "/notes/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        HttpResponse<String> gone = send("GET", "/notes/" + id, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).get("message").asText()).isEqualTo("Note '" + id + "' not found");
    }

    @Test
    void listingPagesReachANewNote() throws Exception {
        HttpResponse<String> response = send("POST", "/notes", "{\"title\": \"it-list\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        String id = json(response).get("id").asText();
        created.add(id);
        // A second note makes sure there is more than one page of one.
        created.add(json(send("POST", "/notes", "{\"title\": \"it-list-2\"}")).get("id").asText());

        boolean found = false;
        String token = null;
        for (int page = 0; page < 1_000 && !found; page++) { // bounded walk over a shared table
            String query = "?limit=1" + (token == null ? "" : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpResponse<String> listed = send("GET", "/notes" + query, null);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            JsonNode body = json(listed);
            assertThat(body.get("items").size()).isLessThanOrEqualTo(1);
            for (JsonNode item : body.get("items")) {
                found |= item.get("id").asText().equals(id);
            }
            if (!body.has("nextToken")) {
                break;
            }
            token = body.get("nextToken").asText();
        }
        assertThat(found).as("note " + id + " is on some page").isTrue();
    }

    @Test
    void malformedJsonIs400WithMessage() throws Exception {
        HttpResponse<String> response = send("POST", "/notes", "{\"title\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).startsWith("Request body is not valid JSON");
    }

    @Test
    void missingTitleIs400WithMessage() throws Exception {
        HttpResponse<String> response = send("POST", "/notes", "{\"body\": \"no title\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).isEqualTo("title is required");
    }

    @Test
    void unknownNoteIs404() throws Exception {
        HttpResponse<String> response = send("GET", "/notes/" + UUID.randomUUID(), null);

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        String base = baseUrl().endsWith("/") ? baseUrl().substring(0, baseUrl().length() - 1) : baseUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(TIMEOUT)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
