package dev.crossdeploy.maven;

import dev.crossdeploy.report.Reporter;
import org.apache.maven.plugin.logging.Log;

/** The engine's {@link Reporter} writing to Maven's build log. */
public final class MavenReporter implements Reporter {
    private final Log log;

    public MavenReporter(Log log) { this.log = log; }

    @Override public void info(String line) { log.info(line); }

    @Override public void warn(String line) { log.warn(line); }

    @Override public void error(String line) { log.error(line); }
}
