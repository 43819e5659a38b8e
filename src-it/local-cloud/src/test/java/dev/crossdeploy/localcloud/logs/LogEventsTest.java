package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.crossdeploy.localcloud.logs.LogGroupsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** PutLogEvents' batch rules and GetLogEvents' time range and f/ b/ token paging, as AWS pages. */
class LogEventsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudWatchLogsClient logs;
    private long now;

    @BeforeEach
    void stream() {
        logs = cloud.as("staging").logs();
        logs.createLogGroup(r -> r.logGroupName("app"));
        logs.createLogStream(r -> r.logGroupName("app").logStreamName("s"));
        now = System.currentTimeMillis();
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    private PutLogEventsResponse put(List<InputLogEvent> events) {
        return logs.putLogEvents(r -> r.logGroupName("app").logStreamName("s").logEvents(events));
    }

    /** Ten events, "e0" (oldest) to "e9", one second apart. */
    private void putTen() {
        put(IntStream.range(0, 10).mapToObj(i -> event(now - 10_000 + i * 1000L, "e" + i)).toList());
    }

    private static List<String> messages(GetLogEventsResponse r) {
        return r.events().stream().map(OutputLogEvent::message).toList();
    }

    @Test
    void eventsComeBackInTimestampOrderWithIngestionTimes() {
        put(List.of(event(now - 2000, "second"), event(now - 1000, "third")));
        // A later batch may carry older events; the stream keeps timestamp order.
        put(List.of(event(now - 3000, "first")));

        GetLogEventsResponse got = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").startFromHead(true));
        assertThat(messages(got)).containsExactly("first", "second", "third");
        assertThat(got.events().get(0).timestamp()).isEqualTo(now - 3000);
        assertThat(got.events().get(0).ingestionTime()).isGreaterThanOrEqualTo(now);
        assertThat(got.nextForwardToken()).matches("f/\\d{56}/s");
        assertThat(got.nextBackwardToken()).matches("b/\\d{56}/s");
    }

    @Test
    void startTimeIsInclusiveAndEndTimeExclusive() {
        putTen();
        GetLogEventsResponse got = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s")
                .startTime(now - 8000).endTime(now - 5000));
        assertThat(messages(got)).containsExactly("e2", "e3", "e4");
    }

    @Test
    void forwardPagingFromTheHeadEndsWhenTheSameTokenComesBack() {
        putTen();
        List<String> read = new ArrayList<>();
        GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").startFromHead(true).limit(4));
        read.addAll(messages(page));
        String token = null;
        int calls = 1;
        while (!page.nextForwardToken().equals(token)) {
            token = page.nextForwardToken();
            String t = token;
            page = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").startFromHead(true).limit(4).nextToken(t));
            read.addAll(messages(page));
            assertThat(++calls).isLessThan(10);
        }
        assertThat(read).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(page.events()).isEmpty();

        // New events show up behind the end-of-stream token, which is how clients tail a stream.
        put(List.of(event(now, "e10")));
        String end = token;
        assertThat(messages(logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").startFromHead(true).nextToken(end))))
                .containsExactly("e10");
    }

    @Test
    void withoutStartFromHeadTheNewestEventsComeFirstAndTheBackwardTokenReadsOlderPages() {
        putTen();
        GetLogEventsResponse newest = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").limit(4));
        assertThat(messages(newest)).containsExactly("e6", "e7", "e8", "e9");

        GetLogEventsResponse older = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").limit(4)
                .nextToken(newest.nextBackwardToken()));
        assertThat(messages(older)).containsExactly("e2", "e3", "e4", "e5");
        GetLogEventsResponse oldest = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").limit(4)
                .nextToken(older.nextBackwardToken()));
        assertThat(messages(oldest)).containsExactly("e0", "e1");
        GetLogEventsResponse beyond = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").limit(4)
                .nextToken(oldest.nextBackwardToken()));
        assertThat(beyond.events()).isEmpty();
        assertThat(beyond.nextBackwardToken()).isEqualTo(oldest.nextBackwardToken());

        // Turning around reads forward again from where the backward page began.
        GetLogEventsResponse forward = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").limit(4)
                .nextToken(older.nextForwardToken()));
        assertThat(messages(forward)).containsExactly("e6", "e7", "e8", "e9");
        GetLogEventsResponse atEnd = logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").limit(4)
                .nextToken(forward.nextForwardToken()));
        assertThat(atEnd.events()).isEmpty();
        assertThat(atEnd.nextForwardToken()).isEqualTo(forward.nextForwardToken());
    }

    @Test
    void eventsOutsideTheAcceptedWindowAreRejectedByIndex() {
        long twoWeeksAgo = now - Duration.ofDays(15).toMillis();
        long future = now + Duration.ofHours(3).toMillis();
        // One batch may span 24 hours at most, so each out-of-window event goes in its own call.
        PutLogEventsResponse old = put(List.of(event(twoWeeksAgo, "old"), event(twoWeeksAgo + 1, "old too")));
        assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
        PutLogEventsResponse mixed = put(List.of(event(now, "fine"), event(future, "too new")));
        assertThat(mixed.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
        assertThat(mixed.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isNull();

        logs.putRetentionPolicy(r -> r.logGroupName("app").retentionInDays(1));
        PutLogEventsResponse expired = put(List.of(event(now - Duration.ofDays(2).toMillis(), "expired"),
                event(now - Duration.ofHours(30).toMillis(), "expired too")));
        assertThat(expired.rejectedLogEventsInfo().expiredLogEventEndIndex()).isEqualTo(1);

        assertThat(messages(logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s")))).containsExactly("fine");
    }

    @Test
    void batchesBreakingAwsRulesAreRefusedWhole() {
        assertError(() -> put(List.of(event(now, "b"), event(now - 1, "a"))), InvalidParameterException.class,
                "InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.");
        assertError(() -> put(List.of(event(now - Duration.ofHours(25).toMillis(), "a"), event(now, "b"))),
                InvalidParameterException.class, "InvalidParameterException",
                "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        String big = "x".repeat(600_000);
        assertError(() -> put(List.of(event(now, big), event(now, big))), InvalidParameterException.class,
                "InvalidParameterException", "Upload too large: 1200052 bytes exceeds limit of 1048576");
        assertError(() -> put(List.of(event(now, ""))), InvalidParameterException.class, "InvalidParameterException",
                "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 1");
        assertError(() -> logs.putLogEvents(r -> r.logGroupName("app").logStreamName("missing").logEvents(event(now, "x"))),
                ResourceNotFoundException.class, "ResourceNotFoundException", "The specified log stream does not exist.");
        assertError(() -> logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s").nextToken("f/garbage")),
                InvalidParameterException.class, "InvalidParameterException", "The specified nextToken is invalid.");

        assertThat(logs.getLogEvents(r -> r.logGroupName("app").logStreamName("s")).events()).isEmpty();
    }

    @Test
    void whatTheStoreReceivesDirectlyIsReadThroughTheApi() {
        LogStore store = cloud.cloud().state().module(LogsModule.class).store();
        store.append("222222222222", "us-east-1", "app", "2026/11/29/[$LATEST]f00", List.of(new LogEvent(now, now, "START RequestId: 1")));

        assertThat(messages(logs.getLogEvents(r -> r.logGroupName("app").logStreamName("2026/11/29/[$LATEST]f00"))))
                .containsExactly("START RequestId: 1");
    }
}
