package dev.crossdeploy.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputsFileTest {

    @Test
    void writesAFlatJsonObjectNamedAfterTheStage(@TempDir Path dir) throws Exception {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("ApiUrl", "https://example.invalid/staging");
        outputs.put("TableName", "orders");

        Path file = OutputsFile.write(dir.resolve("crossdeploy"), "staging", outputs);

        assertThat(file).isEqualTo(dir.resolve("crossdeploy/staging-outputs.json"));
        assertThat(OutputsFile.read(file)).containsExactlyEntriesOf(outputs);
        assertThat(Files.readString(file)).contains("\"ApiUrl\" : \"https://example.invalid/staging\"");
    }
}
