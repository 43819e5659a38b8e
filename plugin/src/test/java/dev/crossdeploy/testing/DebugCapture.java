package dev.crossdeploy.testing;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MarkerIgnoringBase;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What SLF4J loggers would print under {@code mvn -X}, for the test that scans it for secrets.
 * Levels follow Maven's simple logger: debug by default, {@code org.slf4j.simpleLogger.log.<name>}
 * system properties for a logger and its children. The level is read at each call because the
 * SDK's loggers in this shared test JVM were created by earlier tests; in Maven the plugin's
 * class realm is fresh when the goal starts. The local cloud's own loggers are left out: in use
 * it is another process.
 */
public final class DebugCapture implements AutoCloseable {
    public static final ILoggerFactory FACTORY = new ILoggerFactory() {
        private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) { return loggers.computeIfAbsent(name, CapturingLogger::new); }
    };

    private static volatile StringBuffer active;

    private DebugCapture() {}

    /** Starts recording every logger's output at debug level. */
    public static DebugCapture start() {
        active = new StringBuffer();
        return new DebugCapture();
    }

    /** Everything recorded so far. */
    public String text() {
        StringBuffer b = active;
        return b == null ? "" : b.toString();
    }

    @Override
    public void close() { active = null; }

    private static boolean enabled(String name, int level) {
        if (active == null || name.startsWith("dev.crossdeploy.localcloud")) return false;
        for (String n = name; ; n = n.substring(0, n.lastIndexOf('.'))) {
            String set = System.getProperty("org.slf4j.simpleLogger.log." + n);
            if (set != null) return level >= levelOf(set);
            if (n.lastIndexOf('.') < 0) break;
        }
        return level >= DEBUG;
    }

    private static final int TRACE = 0, DEBUG = 1, INFO = 2, WARN = 3, ERROR = 4;

    private static int levelOf(String text) {
        return switch (text.trim().toLowerCase()) {
            case "trace" -> TRACE;
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn" -> WARN;
            case "error" -> ERROR;
            default -> Integer.MAX_VALUE;
        };
    }

    private static final class CapturingLogger extends MarkerIgnoringBase {
        CapturingLogger(String name) { this.name = name; }

        private void log(int level, String message, Throwable t) {
            if (!enabled(name, level)) return;
            StringBuffer b = active;
            if (b == null) return;
            b.append('[').append(level).append("] ").append(name).append(" - ").append(message).append('\n');
            if (t != null) {
                StringWriter w = new StringWriter();
                t.printStackTrace(new PrintWriter(w));
                b.append(w);
            }
        }

        private void log(int level, String format, Object... args) {
            if (!enabled(name, level)) return;
            FormattingTuple f = MessageFormatter.arrayFormat(format, args);
            log(level, f.getMessage(), f.getThrowable());
        }

        @Override public boolean isTraceEnabled() { return enabled(name, TRACE); }
        @Override public void trace(String msg) { log(TRACE, msg, (Throwable) null); }
        @Override public void trace(String format, Object arg) { log(TRACE, format, new Object[] {arg}); }
        @Override public void trace(String format, Object a, Object b) { log(TRACE, format, new Object[] {a, b}); }
        @Override public void trace(String format, Object... args) { log(TRACE, format, args); }
        @Override public void trace(String msg, Throwable t) { log(TRACE, msg, t); }

        @Override public boolean isDebugEnabled() { return enabled(name, DEBUG); }
        @Override public void debug(String msg) { log(DEBUG, msg, (Throwable) null); }
        @Override public void debug(String format, Object arg) { log(DEBUG, format, new Object[] {arg}); }
        @Override public void debug(String format, Object a, Object b) { log(DEBUG, format, new Object[] {a, b}); }
        @Override public void debug(String format, Object... args) { log(DEBUG, format, args); }
        @Override public void debug(String msg, Throwable t) { log(DEBUG, msg, t); }

        @Override public boolean isInfoEnabled() { return enabled(name, INFO); }
        @Override public void info(String msg) { log(INFO, msg, (Throwable) null); }
        @Override public void info(String format, Object arg) { log(INFO, format, new Object[] {arg}); }
        @Override public void info(String format, Object a, Object b) { log(INFO, format, new Object[] {a, b}); }
        @Override public void info(String format, Object... args) { log(INFO, format, args); }
        @Override public void info(String msg, Throwable t) { log(INFO, msg, t); }

        @Override public boolean isWarnEnabled() { return enabled(name, WARN); }
        @Override public void warn(String msg) { log(WARN, msg, (Throwable) null); }
        @Override public void warn(String format, Object arg) { log(WARN, format, new Object[] {arg}); }
        @Override public void warn(String format, Object a, Object b) { log(WARN, format, new Object[] {a, b}); }
        @Override public void warn(String format, Object... args) { log(WARN, format, args); }
        @Override public void warn(String msg, Throwable t) { log(WARN, msg, t); }

        @Override public boolean isErrorEnabled() { return enabled(name, ERROR); }
        @Override public void error(String msg) { log(ERROR, msg, (Throwable) null); }
        @Override public void error(String format, Object arg) { log(ERROR, format, new Object[] {arg}); }
        @Override public void error(String format, Object a, Object b) { log(ERROR, format, new Object[] {a, b}); }
        @Override public void error(String format, Object... args) { log(ERROR, format, args); }
        @Override public void error(String msg, Throwable t) { log(ERROR, msg, t); }
    }
}
