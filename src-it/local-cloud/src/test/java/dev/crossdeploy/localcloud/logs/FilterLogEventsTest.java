package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.crossdeploy.localcloud.logs.LogGroupsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** FilterLogEvents: events of several streams interleaved, filter patterns, time range and paging. */
class FilterLogEventsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudWatchLogsClient logs;
    private long t0;

    @BeforeEach
    void twoStreams() {
        logs = cloud.as("staging").logs();
        logs.createLogGroup(r -> r.logGroupName("/aws/lambda/orders"));
        t0 = System.currentTimeMillis() - 60_000;
        put("2026/11/29/[$LATEST]aaa", List.of(
                event(0, "START RequestId: 1"),
                event(2, "[ERROR] Order 17 failed: timeout"),
                event(4, "END RequestId: 1")));
        put("2026/11/29/[$LATEST]bbb", List.of(
                event(1, "START RequestId: 2"),
                event(3, "[WARN] retrying payment"),
                event(5, "ERRORS are counted, not raised")));
    }

    private InputLogEvent event(int second, String message) {
        return InputLogEvent.builder().timestamp(t0 + second * 1000L).message(message).build();
    }

    private void put(String stream, List<InputLogEvent> events) {
        logs.createLogStream(r -> r.logGroupName("/aws/lambda/orders").logStreamName(stream));
        logs.putLogEvents(r -> r.logGroupName("/aws/lambda/orders").logStreamName(stream).logEvents(events));
    }

    private List<String> filter(Consumer<FilterLogEventsRequest.Builder> request) {
        return logs.filterLogEvents(r -> request.accept(r.logGroupName("/aws/lambda/orders"))).events().stream()
                .map(FilteredLogEvent::message).toList();
    }

    @Test
    void eventsOfAllStreamsComeInterleavedByTimestampNamingTheirStream() {
        FilterLogEventsResponse all = logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/orders"));

        assertThat(all.events()).extracting(FilteredLogEvent::message).containsExactly("START RequestId: 1", "START RequestId: 2",
                "[ERROR] Order 17 failed: timeout", "[WARN] retrying payment", "END RequestId: 1", "ERRORS are counted, not raised");
        assertThat(all.events().get(1).logStreamName()).isEqualTo("2026/11/29/[$LATEST]bbb");
        assertThat(all.events()).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates().allMatch(id -> id.matches("\\d{56}"));
        assertThat(all.searchedLogStreams()).isEmpty();
        assertThat(all.nextToken()).isNull();
    }

    @Test
    void filterPatternsMatchWordsPhrasesAlternativesAndExclusions() {
        // A plain term is a case-sensitive word: "ERROR" does not match "ERRORS".
        assertThat(filter(r -> r.filterPattern("ERROR"))).containsExactly("[ERROR] Order 17 failed: timeout");
        assertThat(filter(r -> r.filterPattern("\"Order 17 failed\""))).containsExactly("[ERROR] Order 17 failed: timeout");
        assertThat(filter(r -> r.filterPattern("?ERROR ?WARN")))
                .containsExactly("[ERROR] Order 17 failed: timeout", "[WARN] retrying payment");
        assertThat(filter(r -> r.filterPattern("RequestId -END"))).containsExactly("START RequestId: 1", "START RequestId: 2");
        assertThat(filter(r -> r.filterPattern("START \"RequestId: 2\""))).containsExactly("START RequestId: 2");
        assertThat(filter(r -> r.filterPattern("%ERRORS?%"))).hasSize(2);
        assertThat(filter(r -> r.filterPattern("error"))).isEmpty();
    }

    @Test
    void streamsAreChosenByNameOrPrefixAndTimeBoundsAreInclusive() {
        assertThat(filter(r -> r.logStreamNames("2026/11/29/[$LATEST]bbb")))
                .containsExactly("START RequestId: 2", "[WARN] retrying payment", "ERRORS are counted, not raised");
        assertThat(filter(r -> r.logStreamNamePrefix("2026/11/29/[$LATEST]a"))).hasSize(3);
        assertThat(filter(r -> r.startTime(t0 + 2000).endTime(t0 + 4000)))
                .containsExactly("[ERROR] Order 17 failed: timeout", "[WARN] retrying payment", "END RequestId: 1");
    }

    @Test
    void pagesFollowTheTokenAcrossStreamsUntilNoTokenIsReturned() {
        List<String> read = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/orders").limit(4).nextToken(t));
            read.addAll(page.events().stream().map(FilteredLogEvent::message).toList());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(read).hasSize(6).doesNotHaveDuplicates();

        List<String> viaPaginator = logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/orders")
                .filterPattern("RequestId").limit(1)).events().stream().map(FilteredLogEvent::message).toList();
        assertThat(viaPaginator).containsExactly("START RequestId: 1", "START RequestId: 2", "END RequestId: 1");
    }

    @Test
    void aMissingGroupIsNotFound() {
        assertError(() -> logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/none")), ResourceNotFoundException.class,
                "ResourceNotFoundException", "The specified log group does not exist.");
    }
}
