package dev.crossdeploy.stack;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a stack's events that are newer than the last one seen. DescribeStackEvents answers
 * newest first, a page at a time, so one call reads everything new unless more than a page
 * arrived since the last read; paging stops at the last seen event instead of re-reading the history.
 */
final class EventCursor {
    private final CloudFormationClient cfn;
    private final String stackId;
    private String lastSeenId;

    /** A cursor positioned after {@code lastSeenId} (null: after nothing, i.e. all events are new). */
    EventCursor(CloudFormationClient cfn, String stackId, String lastSeenId) {
        this.cfn = cfn;
        this.stackId = stackId;
        this.lastSeenId = lastSeenId;
    }

    /** A cursor positioned after the stack's newest event now, so only later events are read (one call). */
    static EventCursor fromNow(CloudFormationClient cfn, String stackId) {
        List<StackEvent> newest = cfn.describeStackEvents(b -> b.stackName(stackId)).stackEvents();
        return new EventCursor(cfn, stackId, newest.isEmpty() ? null : newest.get(0).eventId());
    }

    /** Events after the last seen one, oldest first; advances the cursor only when the read succeeds. */
    List<StackEvent> fetchNew() {
        List<StackEvent> fresh = new ArrayList<>();
        String token = null;
        pages:
        do {
            String page = token;
            DescribeStackEventsResponse response = cfn.describeStackEvents(b -> b.stackName(stackId).nextToken(page));
            for (StackEvent e : response.stackEvents()) {
                if (e.eventId().equals(lastSeenId)) break pages;
                fresh.add(e);
            }
            token = response.nextToken();
        } while (token != null);
        Collections.reverse(fresh);
        if (!fresh.isEmpty()) lastSeenId = fresh.get(fresh.size() - 1).eventId();
        return fresh;
    }
}
