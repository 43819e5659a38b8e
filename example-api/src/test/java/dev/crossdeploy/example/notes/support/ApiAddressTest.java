package dev.crossdeploy.example.notes.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAddressTest {
    private static final String STAGE_URL = "https://abc123.execute-api.us-east-1.amazonaws.com/staging";

    @Test
    void onAwsTheStackUrlIsUsedAsItIs() {
        assertThat(ApiAddress.reachable(STAGE_URL, null)).isEqualTo(STAGE_URL);
        assertThat(ApiAddress.reachable(STAGE_URL, "")).isEqualTo(STAGE_URL);
    }

    @Test
    void underAnEndpointOverrideTheStageIsReachedAtThePathForm() {
        assertThat(ApiAddress.reachable(STAGE_URL, "http://localhost:4566"))
                .isEqualTo("http://localhost:4566/_aws/execute-api/abc123/staging");
        assertThat(ApiAddress.reachable(STAGE_URL + "/notes", "http://localhost:4566/"))
                .isEqualTo("http://localhost:4566/_aws/execute-api/abc123/staging/notes");
    }

    @Test
    void otherAddressesAreLeftAlone() {
        // A custom domain or a local server is already reachable as given.
        assertThat(ApiAddress.reachable("https://notes.example.com/v1", "http://localhost:4566"))
                .isEqualTo("https://notes.example.com/v1");
        assertThat(ApiAddress.reachable("http://localhost:8080/local", "http://localhost:4566"))
                .isEqualTo("http://localhost:8080/local");
    }
}
