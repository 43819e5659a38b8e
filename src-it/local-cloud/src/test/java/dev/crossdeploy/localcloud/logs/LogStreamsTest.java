package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.List;

import static dev.crossdeploy.localcloud.logs.LogGroupsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Log streams through the SDK: lifecycle, ordering, paging, event timestamps and errors. */
class LogStreamsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudWatchLogsClient logs;
    private long now;

    @BeforeEach
    void group() {
        logs = cloud.as("staging").logs();
        logs.createLogGroup(r -> r.logGroupName("app"));
        now = System.currentTimeMillis();
    }

    private void put(String stream, long... timestamps) {
        List<InputLogEvent> events = java.util.Arrays.stream(timestamps)
                .mapToObj(t -> InputLogEvent.builder().timestamp(t).message("at " + t).build()).toList();
        logs.putLogEvents(r -> r.logGroupName("app").logStreamName(stream).logEvents(events));
    }

    @Test
    void streamsReportTheirArnAndFirstAndLastEventTimestamps() {
        logs.createLogStream(r -> r.logGroupName("app").logStreamName("2026/11/29/[$LATEST]abc"));
        LogStream empty = logs.describeLogStreams(r -> r.logGroupName("app")).logStreams().get(0);
        assertThat(empty.firstEventTimestamp()).isNull();
        assertThat(empty.lastEventTimestamp()).isNull();
        assertThat(empty.arn()).isEqualTo("arn:aws:logs:us-east-1:222222222222:log-group:app:log-stream:2026/11/29/[$LATEST]abc");

        put("2026/11/29/[$LATEST]abc", now - 3000, now - 2000);
        put("2026/11/29/[$LATEST]abc", now - 1000);
        LogStream stream = logs.describeLogStreams(r -> r.logGroupName("app")).logStreams().get(0);
        assertThat(stream.firstEventTimestamp()).isEqualTo(now - 3000);
        assertThat(stream.lastEventTimestamp()).isEqualTo(now - 1000);
        assertThat(stream.lastIngestionTime()).isGreaterThanOrEqualTo(now - 1000);
        assertThat(stream.creationTime()).isLessThanOrEqualTo(stream.lastIngestionTime());

        logs.deleteLogStream(r -> r.logGroupName("app").logStreamName("2026/11/29/[$LATEST]abc"));
        assertThat(logs.describeLogStreams(r -> r.logGroupName("app")).logStreams()).isEmpty();
    }

    @Test
    void streamsAreOrderedByNameOrLastEventTimeAscendingOrDescendingAndPaged() {
        for (String s : List.of("b", "c", "a", "other")) logs.createLogStream(r -> r.logGroupName("app").logStreamName(s));
        put("a", now - 100);
        put("b", now - 300);
        put("c", now - 200);
        put("other", now - 400);

        assertThat(names(logs.describeLogStreams(r -> r.logGroupName("app")))).containsExactly("a", "b", "c", "other");
        assertThat(names(logs.describeLogStreams(r -> r.logGroupName("app").descending(true)))).containsExactly("other", "c", "b", "a");
        assertThat(names(logs.describeLogStreams(r -> r.logGroupName("app").orderBy(OrderBy.LAST_EVENT_TIME))))
                .containsExactly("other", "b", "c", "a");
        assertThat(names(logs.describeLogStreams(r -> r.logGroupName("app").orderBy(OrderBy.LAST_EVENT_TIME).descending(true))))
                .containsExactly("a", "c", "b", "other");
        assertThat(names(logs.describeLogStreams(r -> r.logGroupIdentifier("arn:aws:logs:us-east-1:222222222222:log-group:app")
                .logStreamNamePrefix("o")))).containsExactly("other");

        DescribeLogStreamsResponse first = logs.describeLogStreams(r -> r.logGroupName("app").limit(3));
        assertThat(names(first)).containsExactly("a", "b", "c");
        DescribeLogStreamsResponse second = logs.describeLogStreams(r -> r.logGroupName("app").limit(3).nextToken(first.nextToken()));
        assertThat(names(second)).containsExactly("other");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void errorsCarryCloudWatchLogsCodesAndTexts() {
        logs.createLogStream(r -> r.logGroupName("app").logStreamName("s"));

        assertError(() -> logs.createLogStream(r -> r.logGroupName("app").logStreamName("s")), ResourceAlreadyExistsException.class,
                "ResourceAlreadyExistsException", "The specified log stream already exists");
        assertError(() -> logs.createLogStream(r -> r.logGroupName("nope").logStreamName("s")), ResourceNotFoundException.class,
                "ResourceNotFoundException", "The specified log group does not exist.");
        assertError(() -> logs.deleteLogStream(r -> r.logGroupName("app").logStreamName("gone")), ResourceNotFoundException.class,
                "ResourceNotFoundException", "The specified log stream does not exist.");
        assertError(() -> logs.describeLogStreams(r -> r.logGroupName("nope")), ResourceNotFoundException.class,
                "ResourceNotFoundException", "The specified log group does not exist.");
        assertError(() -> logs.createLogStream(r -> r.logGroupName("app").logStreamName("a:b")), InvalidParameterException.class,
                "InvalidParameterException", "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [^:*]*");
        assertError(() -> logs.describeLogStreams(r -> r.logGroupName("app").orderBy(OrderBy.LAST_EVENT_TIME).logStreamNamePrefix("s")),
                InvalidParameterException.class, "InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
    }

    private static List<String> names(DescribeLogStreamsResponse response) {
        return response.logStreams().stream().map(LogStream::logStreamName).toList();
    }
}
