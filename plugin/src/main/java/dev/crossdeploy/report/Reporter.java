package dev.crossdeploy.report;

/**
 * Where the engine tells the user what happens. The Maven plugin writes to Maven's log;
 * tests collect the lines. Implementations must never be handed secrets.
 */
public interface Reporter {
    void info(String line);

    void warn(String line);

    void error(String line);

    /** A reporter that drops everything. */
    static Reporter silent() {
        return new Reporter() {
            @Override public void info(String line) {}
            @Override public void warn(String line) {}
            @Override public void error(String line) {}
        };
    }
}
