package dev.crossdeploy.report.html;

import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One deploy-stack run's report: a {@link StageRecord} per stage deployed, written as one page,
 * {@code <dir>/<name>-report.html}, where the name is the stage's, or the group's (or the stages
 * joined with '+') for a fan-out.
 */
public final class DeployReport {
    private final Path file;
    private final String title;
    private final Clock clock;
    private final List<String> order;
    private final List<StageRecord> records = new ArrayList<>();

    /**
     * @param selection what {@code -Dstage} said (a stage, a comma list, a group, {@code all})
     * @param stages    the names of the stages it resolved to
     */
    public DeployReport(Path dir, String selection, List<String> stages, Clock clock) {
        this.title = name(selection, stages);
        this.file = dir.resolve(title + "-report.html");
        this.clock = clock;
        this.order = List.copyOf(stages);
    }

    /** The page's name: the one stage, else the group's name, else the stages joined with '+'. */
    static String name(String selection, List<String> stages) {
        if (stages.size() == 1) return safe(stages.get(0));
        String given = selection == null ? "" : selection.strip();
        return safe(given.isEmpty() || given.contains(",") ? String.join("+", stages) : given);
    }

    /** A file name without path separators or characters shells and browsers trip over. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    public Path file() { return file; }

    /**
     * Runs one stage's deployment, recording its duration and, when it throws, its message as the
     * root cause unless the engine recorded one.
     */
    public <T> T track(String stage, String account, String region, Function<StageRecord, T> deployment) {
        StageRecord record = new StageRecord(stage, account, region);
        synchronized (records) {
            records.add(record);
        }
        record.started(clock.instant());
        try {
            return deployment.apply(record);
        } catch (RuntimeException e) {
            record.failedWith(Text.oneLine(e.getMessage()));
            throw e;
        } finally {
            record.ended(clock.instant());
        }
    }

    /**
     * Writes the page, stages in the order {@code -Dstage} resolved them.
     *
     * @return the page, or empty when no stage ran or it could not be written (then a warning says why)
     */
    public Optional<Path> write(Reporter reporter) {
        List<StageReport> stages;
        synchronized (records) {
            stages = records.stream().map(StageRecord::report)
                    .sorted(Comparator.comparingInt((StageReport r) -> order.indexOf(r.stage()))).toList();
        }
        if (stages.isEmpty()) return Optional.empty();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ReportPage.render(title, stages, clock.instant()));
            return Optional.of(file);
        } catch (IOException e) {
            reporter.warn("Could not write the deployment report " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
