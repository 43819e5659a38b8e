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

    public synchronized List<String> lines() { return List.copyOf(lines); }

    /** Everything reported, one line each, for assertions on content. */
    public synchronized String text() { return String.join("\n", lines); }
}
