package dev.crossdeploy.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats one stack event as one aligned line: UTC time, logical id, type, status, reason.
 * Column widths come from the template's logical ids and types, so lines line up.
 */
public final class EventLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Wide enough for every resource status and the common stack statuses. */
    private static final int STATUS_WIDTH = 35;

    private final int idWidth;
    private final int typeWidth;

    public EventLine(int idWidth, int typeWidth) {
        this.idWidth = idWidth;
        this.typeWidth = typeWidth;
    }

    public String format(Instant time, String logicalId, String type, String status, String reason) {
        String line = (time == null ? "--:--:--" : TIME.format(time))
                + "  " + Text.padRight(Text.oneLine(logicalId), idWidth)
                + "  " + Text.padRight(Text.oneLine(type), typeWidth)
                + "  " + Text.padRight(Text.oneLine(status), STATUS_WIDTH)
                + "  " + Text.oneLine(reason);
        return line.stripTrailing();
    }
}
