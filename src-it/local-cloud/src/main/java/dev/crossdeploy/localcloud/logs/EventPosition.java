package dev.crossdeploy.localcloud.logs;

import java.util.Comparator;

/**
 * A place in a stream's order (timestamp, then ingestion sequence). Written as the 56 digits
 * CloudWatch Logs uses in its event ids and paging tokens, so positions survive a round trip
 * through a client.
 */
public record EventPosition(long timestamp, long sequence) implements Comparable<EventPosition> {
    /** Before every event. */
    public static final EventPosition START = new EventPosition(0, 0);

    private static final Comparator<EventPosition> ORDER = Comparator.comparingLong(EventPosition::timestamp)
            .thenComparingLong(EventPosition::sequence);

    @Override
    public int compareTo(EventPosition other) { return ORDER.compare(this, other); }

    /** The 56-digit form. */
    public String digits() { return String.format("%019d%019d%018d", timestamp, sequence, 0); }

    /** Parses {@link #digits()}; empty when the text is not such a position. */
    public static java.util.Optional<EventPosition> parse(String digits) {
        if (digits == null || !digits.matches("\\d{56}")) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(new EventPosition(Long.parseLong(digits.substring(0, 19)),
                    Long.parseLong(digits.substring(19, 38))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    EventPosition next() { return new EventPosition(timestamp, sequence + 1); }

    EventPosition previous() { return sequence == 0 ? this : new EventPosition(timestamp, sequence - 1); }
}
