package dev.crossdeploy.example.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.example.notes.support.DynaliteExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.crossdeploy.example.notes.support.Requests.delete;
import static dev.crossdeploy.example.notes.support.Requests.get;
import static dev.crossdeploy.example.notes.support.Requests.post;
import static dev.crossdeploy.example.notes.support.Requests.put;
import static dev.crossdeploy.example.notes.support.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The handler end to end, through the router, against a real DynamoDB-compatible server. */
class NotesApiEndToEndTest {
    @RegisterExtension
    static final DynaliteExtension dynamo = new DynaliteExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotesHandler handler;

    @BeforeEach
    void newHandler() {
        handler = new NotesHandler(dynamo.client(), dynamo.tableName());
    }

    private APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, null);
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("Response body is not JSON: " + response.getBody(), e);
        }
    }

    private JsonNode create(String title, String text) {
        APIGatewayProxyResponseEvent response = call(post("/notes",
                JSON.createObjectNode().put("title", title).put("body", text).toString()));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return body(response);
    }

    private static String update(String title, String text, long version) {
        return JSON.createObjectNode().put("title", title).put("body", text).put("version", version).toString();
    }

    private static void assertError(APIGatewayProxyResponseEvent response, int status, String message) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(body(response).get("message").asText()).isEqualTo(message);
    }

    @Nested
    class CreateAndGet {
        @Test
        void createdNoteIsReturnedWithIdAndFirstVersion() {
            JsonNode created = create("Groceries", "milk, eggs");

            assertThat(created.get("id").asText()).isNotBlank();
            assertThat(created.get("title").asText()).isEqualTo("Groceries");
            assertThat(created.get("body").asText()).isEqualTo("milk, eggs");
            assertThat(created.get("version").asLong()).isEqualTo(1);
            assertThat(created.get("createdAt").asText()).isEqualTo(created.get("updatedAt").asText());
        }

        @Test
        void createdNoteCanBeReadBack() {
            JsonNode created = create("Groceries", "milk, eggs");

            APIGatewayProxyResponseEvent response = call(get("/notes/" + created.get("id").asText()));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
            assertThat(body(response)).isEqualTo(created);
        }

        @Test
        void bodyIsOptionalAndTitleIsTrimmed() {
            APIGatewayProxyResponseEvent response = call(post("/notes", "{\"title\": \"  Call Bob  \"}"));

            assertThat(response.getStatusCode()).isEqualTo(201);
            assertThat(body(response).get("title").asText()).isEqualTo("Call Bob");
            assertThat(body(response).get("body").asText()).isEmpty();
        }

        @Test
        void base64EncodedBodiesAreDecoded() {
            String json = "{\"title\": \"Encoded\", \"body\": \"caf\u00e9\"}";
            APIGatewayProxyRequestEvent event = post("/notes",
                    Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                    .withIsBase64Encoded(true);

            APIGatewayProxyResponseEvent response = call(event);

            assertThat(response.getStatusCode()).isEqualTo(201);
            assertThat(body(response).get("body").asText()).isEqualTo("caf\u00e9");
        }

        @Test
        void undecodableBase64BodyIs400() {
            APIGatewayProxyResponseEvent response = call(post("/notes", "%%% not base64").withIsBase64Encoded(true));

            assertError(response, 400, "Request body is marked as Base64-encoded but is not valid Base64");
        }

        @Test
        void missingNoteIs404() {
            assertError(call(get("/notes/no-such-note")), 404, "Note 'no-such-note' not found");
        }
    }

    @Nested
    class Validation {
        @Test
        void malformedJsonIs400SayingWhere() {
            APIGatewayProxyResponseEvent response = call(post("/notes", "{\"title\": "));

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("message").asText())
                    .startsWith("Request body is not valid JSON: ")
                    .contains("line 1");
        }

        @Test
        void emptyBodyIs400() {
            assertError(call(post("/notes", null)), 400, "Request body is required: send a JSON object");
        }

        @Test
        void nonObjectBodyIs400() {
            assertError(call(post("/notes", "[1, 2]")), 400, "Request body must be a JSON object");
        }

        @Test
        void missingTitleIs400() {
            assertError(call(post("/notes", "{\"body\": \"text\"}")), 400, "title is required");
        }

        @Test
        void blankTitleIs400() {
            assertError(call(post("/notes", "{\"title\": \"   \"}")), 400, "title must not be blank");
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            assertError(call(post("/notes", "{\"title\": 42, \"body\": [], \"colour\": \"red\"}")), 400,
                    "unknown field 'colour' (allowed: body, title); title must be a string; body must be a string");
        }

        @Test
        void overlongTitleIs400() {
            String title = "x".repeat(NoteValidator.MAX_TITLE_LENGTH + 1);
            assertError(call(post("/notes", "{\"title\": \"" + title + "\"}")), 400,
                    "title must be at most 200 characters, got 201");
        }

        @Test
        void updateWithoutVersionIs400() {
            JsonNode created = create("Groceries", "milk");

            assertError(call(put("/notes/" + created.get("id").asText(), "{\"title\": \"Groceries\"}")), 400,
                    "version is required: send the version you last read");
        }

        @Test
        void updateWithMissingFieldsNamesThemAll() {
            assertError(call(put("/notes/any", "{}")), 400,
                    "title is required; version is required: send the version you last read");
        }

        @Test
        void updateWithNonNumericVersionIs400() {
            assertError(call(put("/notes/any", "{\"title\": \"t\", \"version\": \"1\"}")), 400,
                    "version must be a positive integer");
        }

        @Test
        void badLimitIs400() {
            assertError(call(get("/notes", Map.of("limit", "0"))), 400,
                    "limit must be an integer between 1 and 100, got '0'");
            assertError(call(get("/notes", Map.of("limit", "ten"))), 400,
                    "limit must be an integer between 1 and 100, got 'ten'");
        }

        @Test
        void forgedNextTokenIs400() {
            assertError(call(get("/notes", Map.of("nextToken", "not a token!"))), 400,
                    "nextToken is not valid: pass the nextToken of the previous page unchanged");
        }

        @Test
        void badDeleteVersionIs400() {
            assertError(call(request("DELETE", "/notes/any", Map.of("version", "-1"), null)), 400,
                    "version must be a positive integer, got '-1'");
        }
    }

    @Nested
    class Listing {
        @Test
        void emptyTableGivesEmptyPageWithoutToken() {
            APIGatewayProxyResponseEvent response = call(get("/notes"));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(body(response).get("items")).isEmpty();
            assertThat(body(response).has("nextToken")).isFalse();
        }

        @Test
        void pagesWalkEveryNoteExactlyOnce() {
            Set<String> created = new HashSet<>();
            for (int i = 1; i <= 5; i++) {
                created.add(create("Note " + i, "text " + i).get("id").asText());
            }

            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String token = null;
            for (int page = 0; page < 10; page++) { // bounded: 5 notes in pages of 2 need at most 4
                Map<String, String> query = token == null
                        ? Map.of("limit", "2")
                        : Map.of("limit", "2", "nextToken", token);
                APIGatewayProxyResponseEvent response = call(get("/notes", query));
                assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
                JsonNode items = body(response).get("items");
                pageSizes.add(items.size());
                items.forEach(item -> seen.add(item.get("id").asText()));
                JsonNode next = body(response).get("nextToken");
                if (next == null) {
                    token = null;
                    break;
                }
                token = next.asText();
            }

            assertThat(token).as("the last page has no nextToken").isNull();
            assertThat(pageSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(2));
            assertThat(pageSizes.get(0)).isEqualTo(2);
            assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        }

        @Test
        void defaultPageHoldsAllOfAFewNotes() {
            create("One", "");
            create("Two", "");

            JsonNode page = body(call(get("/notes")));

            assertThat(page.get("items")).hasSize(2);
        }
    }

    @Nested
    class Updates {
        @Test
        void updateWithCurrentVersionReplacesContentAndBumpsVersion() {
            JsonNode created = create("Groceries", "milk");
            String id = created.get("id").asText();

            APIGatewayProxyResponseEvent response = call(put("/notes/" + id, update("Groceries", "milk, bread", 1)));

            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            JsonNode updated = body(response);
            assertThat(updated.get("version").asLong()).isEqualTo(2);
            assertThat(updated.get("body").asText()).isEqualTo("milk, bread");
            assertThat(updated.get("createdAt")).isEqualTo(created.get("createdAt"));
            assertThat(body(call(get("/notes/" + id)))).isEqualTo(updated);
        }

        @Test
        void updateWithStaleVersionIs409AndKeepsTheNewerData() {
            String id = create("Groceries", "milk").get("id").asText();
            call(put("/notes/" + id, update("Groceries", "milk, bread", 1)));

            APIGatewayProxyResponseEvent stale = call(put("/notes/" + id, update("Groceries", "eggs", 1)));

            assertError(stale, 409, "Note '" + id + "' was changed by someone else: you sent version 1"
                    + " but it is now at version 2; read it again and retry with the current version");
            JsonNode current = body(call(get("/notes/" + id)));
            assertThat(current.get("body").asText()).isEqualTo("milk, bread");
            assertThat(current.get("version").asLong()).isEqualTo(2);
        }

        @Test
        void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
            String id = create("Shared", "v1").get("id").asText();
            int writers = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<APIGatewayProxyResponseEvent>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String text = "writer " + i;
                results.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return call(put("/notes/" + id, update("Shared", text, 1)));
                }));
            }
            start.countDown();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            List<Integer> statuses = results.stream().map(f -> f.join().getStatusCode()).toList();
            assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
            APIGatewayProxyResponseEvent winner = results.stream().map(CompletableFuture::join)
                    .filter(r -> r.getStatusCode() == 200).findFirst().orElseThrow();
            assertThat(body(call(get("/notes/" + id)))).isEqualTo(body(winner));
        }

        @Test
        void updateOfMissingNoteIs404() {
            assertError(call(put("/notes/gone", update("t", "b", 1))), 404, "Note 'gone' not found");
        }
    }

    @Nested
    class Deletion {
        @Test
        void deletedNoteIsGone() {
            String id = create("Temporary", "").get("id").asText();

            APIGatewayProxyResponseEvent response = call(delete("/notes/" + id));

            assertThat(response.getStatusCode()).isEqualTo(204);
            assertThat(response.getBody()).isNull();
            assertError(call(get("/notes/" + id)), 404, "Note '" + id + "' not found");
        }

        @Test
        void deletingTwiceIs404() {
            String id = create("Temporary", "").get("id").asText();
            call(delete("/notes/" + id));

            assertError(call(delete("/notes/" + id)), 404, "Note '" + id + "' not found");
        }

        @Test
        void deleteWithStaleVersionIs409AndKeepsTheNote() {
            String id = create("Keep", "").get("id").asText();
            call(put("/notes/" + id, update("Keep", "edited", 1)));

            APIGatewayProxyResponseEvent response = call(request("DELETE", "/notes/" + id, Map.of("version", "1"), null));

            assertError(response, 409, "Note '" + id + "' was changed by someone else: you sent version 1"
                    + " but it is now at version 2; read it again and retry with the current version");
            assertThat(call(get("/notes/" + id)).getStatusCode()).isEqualTo(200);
        }

        @Test
        void deleteWithCurrentVersionSucceeds() {
            String id = create("Done", "").get("id").asText();

            assertThat(call(request("DELETE", "/notes/" + id, Map.of("version", "1"), null)).getStatusCode())
                    .isEqualTo(204);
        }
    }

    @Nested
    class Routing {
        @Test
        void unknownPathIs404() {
            assertError(call(get("/tasks")), 404, "No resource at /tasks");
        }

        @Test
        void rootIs404() {
            assertError(call(get("/")), 404, "No resource at /");
        }

        @Test
        void wrongMethodIs405WithAllowHeader() {
            APIGatewayProxyResponseEvent response = call(request("PATCH", "/notes/abc", "{}"));

            assertError(response, 405, "Method PATCH is not allowed on /notes/abc; allowed: DELETE, GET, PUT");
            assertThat(response.getHeaders()).containsEntry("Allow", "DELETE, GET, PUT");
        }

        @Test
        void trailingSlashIsIgnored() {
            assertThat(call(get("/notes/")).getStatusCode()).isEqualTo(200);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start signal never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
