package dev.crossdeploy.example.notes.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynaliteServerTest {
    @Test
    void missingNodeModulesSaysToRunNpmCi(@TempDir Path emptyProject) {
        assertThatThrownBy(() -> DynaliteServer.start(emptyProject))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("node_modules is missing: run `npm ci` in example-api before the tests");
    }
}
