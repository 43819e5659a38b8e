package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.AwsCli.Result;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI against the Logs API: {@code aws logs put-log-events}, {@code get-log-events}
 * and {@code aws logs tail}, which pages through FilterLogEvents (this CLI version also follows
 * with FilterLogEvents, not StartLiveTail). Needs {@code /usr/bin/aws} (Debian package awscli).
 */
class AwsCliLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        AwsCli.assertInstalled();
    }

    private Result aws(String... args) throws IOException, InterruptedException {
        return new AwsCli(cloud.cloud().endpoint(), dir).run(AwsCli.rootOf(cloud.cloud(), "staging"), args);
    }

    @Test
    void eventsPutWithTheCliAreTailedAndRead() throws Exception {
        // Hours apart, so which events a relative --since covers does not depend on how long the CLI takes.
        Instant first = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant second = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        assertThat(aws("logs", "create-log-group", "--log-group-name", "/aws/lambda/orders").exit()).isZero();
        assertThat(aws("logs", "create-log-stream", "--log-group-name", "/aws/lambda/orders", "--log-stream-name", "web").exit()).isZero();
        Path events = dir.resolve("events.json");
        Files.writeString(events, JSON.writeValueAsString(List.of(
                Map.of("timestamp", first.toEpochMilli(), "message", "order 17 received"),
                Map.of("timestamp", second.toEpochMilli(), "message", "[ERROR] order 17 failed"))));
        Result put = aws("logs", "put-log-events", "--log-group-name", "/aws/lambda/orders", "--log-stream-name", "web",
                "--log-events", "file://" + events);
        assertThat(put.exit()).as(put.err()).isZero();

        Result tail = aws("logs", "tail", "/aws/lambda/orders", "--since", "4h", "--format", "short");
        assertThat(tail.exit()).as(tail.err()).isZero();
        assertThat(tail.out().lines().toList()).containsExactly(
                SHORT.format(first) + " order 17 received",
                SHORT.format(second) + " [ERROR] order 17 failed");

        // The default window is the last ten minutes; the detailed format names the stream.
        Result recent = aws("logs", "tail", "/aws/lambda/orders");
        assertThat(recent.exit()).as(recent.err()).isZero();
        assertThat(recent.out().lines().toList()).singleElement().asString()
                .startsWith(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC).format(second))
                .endsWith(" web [ERROR] order 17 failed");

        Result read = aws("logs", "get-log-events", "--log-group-name", "/aws/lambda/orders", "--log-stream-name", "web",
                "--start-from-head");
        assertThat(read.exit()).as(read.err()).isZero();
        JsonNode got = read.json();
        assertThat(got.get("events")).hasSize(2);
        assertThat(got.get("events").get(0).get("message").asText()).isEqualTo("order 17 received");
        assertThat(got.get("events").get(1).get("timestamp").asLong()).isEqualTo(second.toEpochMilli());
        assertThat(got.get("nextForwardToken").asText()).matches("f/\\d{56}/s");
    }

    @Test
    void aMissingGroupFailsWithTheServicesError() throws Exception {
        Result tail = aws("logs", "tail", "/aws/lambda/none");
        assertThat(tail.exit()).isNotZero();
        assertThat(tail.err()).contains("An error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation:"
                + " The specified log group does not exist.");
    }
}
