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
    /** The ClientRequestToken of the operation whose events are the first new ones; null when placed by event. */
    private final String operationToken;
    private String lastSeenId;

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

    /** Events after the last seen one, oldest first; advances the cursor only when the read succeeds. */
    List<StackEvent> fetchNew() {
        List<StackEvent> fresh = lastSeenId == null && operationToken != null ? fetchOperation() : fetchAfterLastSeen();
        Collections.reverse(fresh);
        if (!fresh.isEmpty()) lastSeenId = fresh.get(fresh.size() - 1).eventId();
        return fresh;
    }

    /** Newest first: the events down to the operation's oldest; none while the operation has none yet. */
    private List<StackEvent> fetchOperation() {
        List<StackEvent> fresh = new ArrayList<>();
        boolean reached = false;
        String token = null;
        do {
            String page = token;
            DescribeStackEventsResponse response = cfn.describeStackEvents(b -> b.stackName(stackId).nextToken(page));
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

    private List<StackEvent> fetchAfterLastSeen() {
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
        return fresh;
    }
}
