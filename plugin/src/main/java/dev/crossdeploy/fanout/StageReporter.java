package dev.crossdeploy.fanout;

import dev.crossdeploy.report.Reporter;

/** A stage's view of the shared log: every line starts with {@code [<stage>]}, so interleaved lines stay readable. */
final class StageReporter implements Reporter {
    private final Reporter log;
    private final String prefix;

    StageReporter(Reporter log, String stage) {
        this.log = log;
        this.prefix = "[" + stage + "] ";
    }

    @Override public void info(String line) { log.info(prefix + line); }

    @Override public void warn(String line) { log.warn(prefix + line); }

    @Override public void error(String line) { log.error(prefix + line); }
}
