package dev.crossdeploy.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns, for logs without a terminal: no control codes,
 * columns separated by two spaces, no trailing blanks.
 */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    public static Table withHeaders(String... headers) { return new Table(headers); }

    public Table row(String... values) {
        if (values.length != columns) throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        rows.add(Arrays.stream(values).map(v -> v == null ? "" : Text.oneLine(v)).toArray(String[]::new));
        return this;
    }

    public boolean isEmpty() { return rows.size() == 1; }

    /** The header line followed by one line per row. */
    public List<String> lines() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) line.append("  ");
                line.append(row[i]);
                if (i < columns - 1) line.append(" ".repeat(widths[i] - row[i].length()));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
