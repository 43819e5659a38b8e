package dev.crossdeploy.localcloud.apigateway;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stack's ApiUrl output, written for AWS, turned into the URL the local cloud serves the stage at. */
class ExecuteApiUrlsTest {
    private static final URI ENDPOINT = URI.create("http://localhost:4566");

    @Test
    void aStageUrlBecomesThePathForm() {
        assertThat(ExecuteApiUrls.local("https://abc123defg.execute-api.us-east-1.amazonaws.com/staging", ENDPOINT))
                .isEqualTo(URI.create("http://localhost:4566/_aws/execute-api/abc123defg/staging"));
    }

    @Test
    void aPathAndQueryBelowTheStageAreKept() {
        assertThat(ExecuteApiUrls.local("https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/notes/1?x=a%20b",
                URI.create("http://127.0.0.1:39001/")))
                .isEqualTo(URI.create("http://127.0.0.1:39001/_aws/execute-api/abc123defg/prod/notes/1?x=a%20b"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> ExecuteApiUrls.local("https://example.com/prod", ENDPOINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an API Gateway invoke URL (https://{id}.execute-api.{region}.amazonaws.com/{stage}): https://example.com/prod");
    }
}
