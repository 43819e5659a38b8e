package dev.crossdeploy.example.notes;

import dev.crossdeploy.example.notes.support.DynaliteExtension;
import dev.crossdeploy.example.notes.support.LocalApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same HTTP contract as {@link ApiIT}, against the handler behind a local stand-in for API
 * Gateway and dynalite: proves the live tests themselves before a deployment relies on them.
 */
class LocalHttpApiTest extends ApiContract {
    @RegisterExtension
    static final DynaliteExtension dynamo = new DynaliteExtension();

    // The server outlives each test so that the contract's clean-up (after each test) can use it;
    // each test gets a handler on its own fresh table.
    private static volatile NotesHandler handler;
    private static LocalApiServer api;

    @BeforeAll
    static void startApi() throws Exception {
        api = LocalApiServer.start("local", (event, context) -> handler.handleRequest(event, context));
    }

    @BeforeEach
    void handlerOnThisTestsTable() {
        handler = new NotesHandler(dynamo.client(), dynamo.tableName());
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Override
    protected String baseUrl() {
        return api.baseUrl();
    }
}
