package dev.crossdeploy.stack;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a stack's events that are newer than the last one seen. DescribeStackEvents answers
 * newest first, a page at a time, so one call reads everything new unless more than a page
 * arrived since the last read; paging stops at the last seen event instead of re-reading the history.
 *
 * <p>A read either succeeds whole or leaves the cursor where it was: one whose later page fails
 * is read again from the newest page next time, so no event is lost and none is returned twice.
 */
final class EventCursor {
    private final CloudFormationClient cfn;
    private final String stackId;
    /** The ClientRequestToken of the operation whose events are the first new ones; null when placed by event. */
    private final String operationToken;
    private String lastSeenId;
    /** The override of a {@link #poll()}'s calls: throttling is not retried. */
    private final AwsRequestOverrideConfiguration pollOverride = ThrottlingNotRetried.override();

    /** A cursor positioned after {@code lastSeenId} (null: after nothing, i.e. all events are new). */
    EventCursor(CloudFormationClient cfn, String stackId, String lastSeenId) {
        this(cfn, stackId, lastSeenId, null);
    }

    private EventCursor(CloudFormationClient cfn, String stackId, String lastSeenId, String operationToken) {
        this.cfn = cfn;
        this.stackId = stackId;
        this.lastSeenId = lastSeenId;
        this.operationToken = operationToken;
    }

    /**
     * A cursor positioned before the operation started with ClientRequestToken {@code token},
     * without a call: CloudFormation gives every event of an operation its token, so the first
     * read takes the newest events down to the last one carrying it, and nothing until it has one.
     */
    static EventCursor beforeOperation(CloudFormationClient cfn, String stackId, String token) {
        return new EventCursor(cfn, stackId, null, token);
    }

    /** A cursor positioned after the stack's newest event now, so only later events are read (one call). */
    static EventCursor fromNow(CloudFormationClient cfn, String stackId) {
        List<StackEvent> newest = cfn.describeStackEvents(b -> b.stackName(stackId)).stackEvents();
        return new EventCursor(cfn, stackId, newest.isEmpty() ? null : newest.get(0).eventId());
    }

    /**
     * Events after the last seen one, oldest first; advances the cursor only when the read succeeds.
     * Every call has the client's retries (throttling included): for a read that has no next time.
     */
    List<StackEvent> fetchNew() {
        return read(null);
    }

    /**
     * Like {@link #fetchNew()} for a poll, whose next occurrence is its retry: a throttled call is
     * not retried but thrown (a {@code CloudFormationException} whose {@code isThrottlingException()}
     * holds), with the cursor where it was. Other failures are retried as on every call.
     */
    List<StackEvent> poll() {
        return read(pollOverride);
    }

    private List<StackEvent> read(AwsRequestOverrideConfiguration override) {
        List<StackEvent> fresh = lastSeenId == null && operationToken != null ? fetchOperation(override) : fetchAfterLastSeen(override);
        Collections.reverse(fresh);
        if (!fresh.isEmpty()) lastSeenId = fresh.get(fresh.size() - 1).eventId();
        return fresh;
    }

    /** Newest first: the events down to the operation's oldest; none while the operation has none yet. */
    private List<StackEvent> fetchOperation(AwsRequestOverrideConfiguration override) {
        List<StackEvent> fresh = new ArrayList<>();
        boolean reached = false;
        String token = null;
        do {
            DescribeStackEventsResponse response = cfn.describeStackEvents(request(token, override));
            for (StackEvent e : response.stackEvents()) {
                boolean ours = operationToken.equals(e.clientRequestToken());
                // Below the operation's oldest event lies the history before it.
                if (reached && !ours) return fresh;
                reached |= ours;
                fresh.add(e);
            }
            // Newest first, so a page without the operation holds only what came before it.
            if (!reached) return new ArrayList<>();
            token = response.nextToken();
        } while (token != null);
        return fresh;
    }

    private List<StackEvent> fetchAfterLastSeen(AwsRequestOverrideConfiguration override) {
        List<StackEvent> fresh = new ArrayList<>();
        String token = null;
        pages:
        do {
            DescribeStackEventsResponse response = cfn.describeStackEvents(request(token, override));
            for (StackEvent e : response.stackEvents()) {
                if (e.eventId().equals(lastSeenId)) break pages;
                fresh.add(e);
            }
            token = response.nextToken();
        } while (token != null);
        return fresh;
    }

    private DescribeStackEventsRequest request(String token, AwsRequestOverrideConfiguration override) {
        DescribeStackEventsRequest.Builder request = DescribeStackEventsRequest.builder().stackName(stackId).nextToken(token);
        if (override != null) request.overrideConfiguration(override);
        return request.build();
    }
}
