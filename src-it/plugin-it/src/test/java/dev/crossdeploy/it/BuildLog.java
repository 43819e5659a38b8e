package dev.crossdeploy.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's {@code build.log} for the verify scripts: what the user read, ANSI colours
 * removed, split into the Maven invocations of {@code invoker.goals.N}. Failed checks throw an
 * {@link AssertionError} naming the missing text instead of printing the whole log.
 * <pre>
 * def log = BuildLog.of(basedir)
 * log.invocation(2).shows('No changes').lacks('Executing change set')
 * </pre>
 */
public final class BuildLog {
    /** Maven prints this first in every invocation (after the error-stacktraces notice). */
    private static final String INVOCATION_START = "Scanning for projects...";

    private final String name;
    private final String text;

    private BuildLog(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public static BuildLog of(File basedir) throws IOException {
        String raw = Files.readString(new File(basedir, "build.log").toPath(), StandardCharsets.UTF_8);
        return new BuildLog("build.log", raw.replaceAll("\u001B\\[[0-9;]*m", ""));
    }

    /** The output of the n-th Maven invocation (1-based). */
    public BuildLog invocation(int n) {
        List<String> parts = invocations();
        if (n < 1 || n > parts.size()) {
            throw new AssertionError(name + " has " + parts.size() + " invocations, not " + n);
        }
        return new BuildLog(name + " invocation " + n, parts.get(n - 1));
    }

    /** How many Maven invocations the log holds. */
    public int invocationCount() { return invocations().size(); }

    private List<String> invocations() {
        List<String> parts = new ArrayList<>();
        int start = text.indexOf(INVOCATION_START);
        while (start >= 0) {
            int next = text.indexOf(INVOCATION_START, start + 1);
            parts.add(next < 0 ? text.substring(start) : text.substring(start, next));
            start = next;
        }
        return parts;
    }

    /** Asserts that every fragment appears. */
    public BuildLog shows(String... fragments) {
        for (String f : fragments) {
            if (!text.contains(f)) throw new AssertionError(name + " does not show: " + f);
        }
        return this;
    }

    /** Asserts that the fragments appear in this order. */
    public BuildLog showsInOrder(String... fragments) {
        int from = 0;
        for (String f : fragments) {
            int at = text.indexOf(f, from);
            if (at < 0) {
                throw new AssertionError(name + (text.contains(f) ? " shows too early (out of order): " : " does not show: ") + f);
            }
            from = at + f.length();
        }
        return this;
    }

    /** Asserts that no fragment appears. */
    public BuildLog lacks(String... fragments) {
        for (String f : fragments) {
            int at = text.indexOf(f);
            if (at >= 0) throw new AssertionError(name + " should not show: " + f + "\n  but has: " + lineAt(at));
        }
        return this;
    }

    /** The first line holding the fragment. */
    public String line(String fragment) {
        int at = text.indexOf(fragment);
        if (at < 0) throw new AssertionError(name + " does not show: " + fragment);
        return lineAt(at);
    }

    /** Every line holding the fragment. */
    public List<String> lines(String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).toList();
    }

    /** The message of Maven's "[ERROR] Failed to execute goal ..." line: what the user must fix. */
    public String failure() {
        String line = line("[ERROR] Failed to execute goal");
        int start = line.indexOf(": ", line.indexOf(" on project ")) + 2;
        int end = line.lastIndexOf(" -> [Help");
        return line.substring(start, end < 0 ? line.length() : end);
    }

    public String text() { return text; }

    private String lineAt(int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    @Override public String toString() { return name; }
}
