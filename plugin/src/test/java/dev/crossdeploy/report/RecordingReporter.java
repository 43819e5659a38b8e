package dev.crossdeploy.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects what the engine reports, each line prefixed with its level, for assertions. */
public final class RecordingReporter implements Reporter {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override public void info(String line) { lines.add("INFO " + line); }

    @Override public void warn(String line) { lines.add("WARN " + line); }

    @Override public void error(String line) { lines.add("ERROR " + line); }

    /** Every line without its level. */
    public List<String> lines() {
        synchronized (lines) {
            return lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        }
    }

    /** Every line with its level prefix (INFO, WARN, ERROR). */
    public List<String> leveled() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() { return String.join("\n", lines()); }

    public void clear() { lines.clear(); }
}
