package dev.crossdeploy.example.notes;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the function starts from the environment Lambda and the template give it. */
class NotesHandlerSetupTest {
    @Test
    void missingTableNameStopsTheFunctionSayingWhich() {
        Map<String, String> environment = Map.of("AWS_REGION", "us-east-1");

        assertThatThrownBy(() -> new NotesHandler(environment::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Environment variable TABLE_NAME is not set: the function cannot start");
    }

    @Test
    void blankTableNameCountsAsMissing() {
        Map<String, String> environment = Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", " ");

        assertThatThrownBy(() -> new NotesHandler(environment::get))
                .hasMessage("Environment variable TABLE_NAME is not set: the function cannot start");
    }

    @Test
    void missingRegionStopsTheFunctionSayingWhich() {
        Map<String, String> environment = Map.of("TABLE_NAME", "notes");

        assertThatThrownBy(() -> new NotesHandler(environment::get))
                .hasMessage("Environment variable AWS_REGION is not set: the function cannot start");
    }

    @Test
    void startsFromLambdasEnvironmentWithoutCallingAws() {
        Map<String, String> environment = Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", "notes");

        assertThatCode(() -> new NotesHandler(environment::get)).doesNotThrowAnyException();
    }
}
