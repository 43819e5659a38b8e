package dev.crossdeploy.testing;

import dev.crossdeploy.report.Reporter;

import java.util.ArrayList;
import java.util.List;

/** A {@link Reporter} that keeps every line, prefixed with its level ("INFO ", "WARN ", "ERROR "). */
public final class RecordingReporter implements Reporter {
    private final List<String> lines = new ArrayList<>();

    @Override public synchronized void info(String line) { lines.add("INFO " + line); }

    @Override public synchronized void warn(String line) { lines.add("WARN " + line); }

    @Override public synchronized void error(String line) { lines.add("ERROR " + line); }

    /** Every line with its level prefix (INFO, WARN, ERROR). */
    public synchronized List<String> lines() { return List.copyOf(lines); }

    /** Every line without its level: what the user reads. */
    public synchronized List<String> messages() {
        return lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    /** Everything reported, one line each with its level, for assertions on content. */
    public synchronized String text() { return String.join("\n", lines); }

    /** Everything reported, one line each without levels. */
    public synchronized String messageText() { return String.join("\n", messages()); }

    public synchronized void clear() { lines.clear(); }
}
