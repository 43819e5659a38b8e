package dev.crossdeploy.example.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.Optional;

/** The notes operations: request in, validated, stored, response out. */
public final class NotesApi {
    private final NoteRepository repository;

    public NotesApi(NoteRepository repository) {
        this.repository = repository;
    }

    /** POST /notes — 201 with the new note. */
    public APIGatewayProxyResponseEvent create(ApiRequest request) {
        NoteDraft draft = NoteValidator.draft(Json.parseObject(request.body()));
        return Responses.json(201, Json.note(repository.create(draft)));
    }

    /** GET /notes/{id} — 200 with the note, 404 when there is none. */
    public APIGatewayProxyResponseEvent get(ApiRequest request) {
        String id = request.pathParameter("id");
        Note note = repository.find(id).orElseThrow(() -> notFound(id));
        return Responses.json(200, Json.note(note));
    }

    /** GET /notes?limit=&nextToken= — 200 with one page and the token of the next, if any. */
    public APIGatewayProxyResponseEvent list(ApiRequest request) {
        int limit = NoteValidator.limit(request.queryParameter("limit"));
        Optional<String> after = PageToken.decode(request.queryParameter("nextToken"));
        NotePage page = repository.list(limit, after);
        return Responses.json(200, Json.page(page.items(), page.lastKey().map(PageToken::encode)));
    }

    /** PUT /notes/{id} — 200 with the updated note, 404 when missing, 409 on a stale version. */
    public APIGatewayProxyResponseEvent update(ApiRequest request) {
        String id = request.pathParameter("id");
        NoteChange change = NoteValidator.change(Json.parseObject(request.body()));
        try {
            return Responses.json(200, Json.note(repository.update(id, change)));
        } catch (NoteNotFoundException e) {
            throw notFound(id);
        } catch (StaleVersionException e) {
            throw conflict(e);
        }
    }

    /** DELETE /notes/{id}[?version=] — 204, 404 when missing, 409 on a stale version. */
    public APIGatewayProxyResponseEvent delete(ApiRequest request) {
        String id = request.pathParameter("id");
        Optional<Long> expectedVersion = NoteValidator.expectedVersion(request.queryParameter("version"));
        try {
            repository.delete(id, expectedVersion);
            return Responses.noContent();
        } catch (NoteNotFoundException e) {
            throw notFound(id);
        } catch (StaleVersionException e) {
            throw conflict(e);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Note '" + id + "' not found");
    }

    private static ApiException conflict(StaleVersionException e) {
        return ApiException.conflict("Note '" + e.id() + "' was changed by someone else: you sent version "
                + e.expectedVersion() + " but it is now at version " + e.currentVersion()
                + "; read it again and retry with the current version");
    }
}
