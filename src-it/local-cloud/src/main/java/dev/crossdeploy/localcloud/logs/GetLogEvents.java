package dev.crossdeploy.localcloud.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GetLogEvents: one stream's events in [startTime, endTime), a page at a time. Without a token
 * the page is the oldest events when {@code startFromHead}, else the newest. Each answer carries
 * {@code nextForwardToken} ("f/…", after its last event) and {@code nextBackwardToken} ("b/…",
 * before its first); a token that finds nothing more comes back unchanged, which is how clients
 * know they reached the end. The token's direction wins over {@code startFromHead}.
 */
final class GetLogEvents {
    /** Tokens end in "/s" today; older ones without it are still read. */
    private static final Pattern TOKEN = Pattern.compile("([fb])/(\\d{56})(?:/s)?");
    private static final int MAX_EVENTS = 10_000;
    private static final int MAX_BYTES = 1_048_576;

    private final ObjectMapper json;

    GetLogEvents(ObjectMapper json) { this.json = json; }

    private record Token(boolean forward, EventPosition position) {
        String text() { return (forward ? "f/" : "b/") + position.digits() + "/s"; }
    }

    ObjectNode get(LogsCall call) {
        LogsInput in = call.input;
        String streamName = in.streamName("logStreamName", true);
        Long startTime = in.longValue("startTime", 0);
        Long endTime = in.longValue("endTime", 0);
        Integer limit = in.intValue("limit", 1, MAX_EVENTS);
        String tokenText = in.string("nextToken", false, 1, Integer.MAX_VALUE, null);
        boolean startFromHead = in.bool("startFromHead");
        String groupName = call.groupNameOrIdentifier();
        call.authorize(groupName, streamName);
        LogStore.LogStream stream = call.stream(call.group(groupName), streamName);
        Token token = tokenText == null ? null : parse(tokenText);

        List<LogStore.StoredEvent> candidates = new ArrayList<>();
        for (LogStore.StoredEvent e : stream.events()) {
            if (startTime != null && e.timestamp() < startTime) continue;
            if (endTime != null && e.timestamp() >= endTime) continue;
            if (token != null && token.forward() && e.position().compareTo(token.position()) <= 0) continue;
            if (token != null && !token.forward() && e.position().compareTo(token.position()) >= 0) continue;
            candidates.add(e);
        }
        boolean forward = token == null ? startFromHead : token.forward();
        List<LogStore.StoredEvent> page = page(candidates, forward, limit == null ? MAX_EVENTS : limit);

        ObjectNode out = json.createObjectNode();
        ArrayNode events = out.putArray("events");
        for (LogStore.StoredEvent e : page) {
            events.addObject().put("timestamp", e.timestamp()).put("message", e.message()).put("ingestionTime", e.ingestionTime());
        }
        Token next;
        Token previous;
        if (!page.isEmpty()) {
            next = new Token(true, page.get(page.size() - 1).position());
            previous = new Token(false, page.get(0).position());
        } else if (token == null) {
            next = new Token(true, EventPosition.START);
            previous = new Token(false, EventPosition.START);
        } else if (token.forward()) {
            next = token;
            previous = new Token(false, token.position().next());
        } else {
            previous = token;
            next = new Token(true, token.position().previous());
        }
        out.put("nextForwardToken", next.text());
        out.put("nextBackwardToken", previous.text());
        return out;
    }

    /** The first (forward) or last (backward) events that fit the count and the 1 MB response, oldest first. */
    private static List<LogStore.StoredEvent> page(List<LogStore.StoredEvent> candidates, boolean forward, int limit) {
        List<LogStore.StoredEvent> page = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < candidates.size() && page.size() < limit; i++) {
            LogStore.StoredEvent e = candidates.get(forward ? i : candidates.size() - 1 - i);
            bytes += e.bytes();
            if (bytes > MAX_BYTES && !page.isEmpty()) break;
            page.add(e);
        }
        if (!forward) java.util.Collections.reverse(page);
        return page;
    }

    private static Token parse(String text) {
        Matcher m = TOKEN.matcher(text);
        if (!m.matches()) throw LogsErrors.invalidToken();
        return new Token(m.group(1).equals("f"), EventPosition.parse(m.group(2)).orElseThrow(LogsErrors::invalidToken));
    }
}
