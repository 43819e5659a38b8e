package dev.crossdeploy.fanout;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsErrors;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Table;
import dev.crossdeploy.stage.Stage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Runs the same {@link StageTask} for several stages, at most {@code parallel} at once. Each
 * stage reports through its own reporter prefixing its lines with {@code [<stage>]}; a stage that
 * fails does not stop the others; a summary table (stage, account, result, duration, changes)
 * ends the run, and then one {@link CrossdeployException} names every failed stage.
 * <p>
 * A single stage runs on the caller's thread with the caller's reporter and its errors
 * unchanged: the output of a one-stage run is exactly that of the task.
 */
public final class StageFanOut {
    /**
     * Stages deployed at once when not told otherwise. A stage mostly waits on CloudFormation and
     * each account has its own API limits, so ten accounts go in one wave (FanOutBenchmark: T(10)/T(1)
     * 1.39 at 10, 3.64 at 4).
     */
    public static final int DEFAULT_PARALLEL = 10;
    public static final int MAX_PARALLEL = 64;

    private final int parallel;
    private final Reporter log;
    private final LongSupplier nanoTime;
    /** The summary's heading for what the task counts. */
    private final String counted;
    /** True: a later goal of the build prints the summary, so a run where every stage succeeded prints none. */
    private final boolean summaryLater;
    /** An earlier goal's results shown in this run's summary; null when none. */
    private final EarlierGoal earlier;

    public StageFanOut(int parallel, Reporter log) { this(parallel, log, System::nanoTime); }

    /** @param nanoTime the clock durations are measured with (tests pass their own) */
    public StageFanOut(int parallel, Reporter log, LongSupplier nanoTime) {
        this(parallel, log, nanoTime, "Changes", false, null);
    }

    private StageFanOut(int parallel, Reporter log, LongSupplier nanoTime, String counted, boolean summaryLater,
                        EarlierGoal earlier) {
        if (parallel < 1 || parallel > MAX_PARALLEL) throw new IllegalArgumentException("parallel " + parallel);
        this.parallel = parallel;
        this.log = log;
        this.nanoTime = nanoTime;
        this.counted = counted;
        this.summaryLater = summaryLater;
        this.earlier = earlier;
    }

    /** This fan-out with {@code heading} over the summary's last column, for tasks that count something else than changes. */
    public StageFanOut counting(String heading) {
        return new StageFanOut(parallel, log, nanoTime, heading, summaryLater, earlier);
    }

    /**
     * This fan-out leaving the summary to a later goal of the same build, which shows this run's
     * results with its own (see {@link #carrying}). A run with a failed stage still prints its
     * summary, since the build stops there.
     */
    public StageFanOut leavingSummaryToLaterGoal() {
        return new StageFanOut(parallel, log, nanoTime, counted, true, earlier);
    }

    /** This fan-out showing {@code earlier}'s results in its summary (null: none), so one build prints one table. */
    public StageFanOut carrying(EarlierGoal earlier) {
        return new StageFanOut(parallel, log, nanoTime, counted, summaryLater, earlier);
    }

    /**
     * Runs {@code task} for every stage.
     *
     * @return the outcomes, in the order of {@code stages}, when every stage succeeded
     * @throws CrossdeployException naming the failed stages, after all the others finished
     */
    public List<StageOutcome> run(List<Stage> stages, StageTask task) {
        if (stages.isEmpty()) throw new IllegalArgumentException("no stages");
        if (stages.size() == 1) {
            Stage only = stages.get(0);
            long start = nanoTime.getAsLong();
            int changes = task.run(only, log);
            return List.of(new StageOutcome(only, Duration.ofNanos(nanoTime.getAsLong() - start), changes, null));
        }
        List<StageOutcome> outcomes = runAll(stages, task);
        List<String> failed = outcomes.stream().filter(o -> !o.succeeded()).map(o -> o.stage().name()).toList();
        if (!summaryLater || !failed.isEmpty()) summary(outcomes, counted, earlier).forEach(log::info);
        if (!failed.isEmpty()) {
            String which = failed.size() == stages.size() ? "Failed in all " + stages.size() + " stages: " + String.join(", ", failed) + "."
                    : "Failed in " + failed.size() + " of " + stages.size() + " stages: " + String.join(", ", failed)
                    + "; the other stages finished.";
            throw new CrossdeployException(which + " See the lines starting with ["
                    + String.join("], [", failed) + "] above, fix the cause and rerun with -Dstage="
                    + String.join(",", failed) + ".");
        }
        return outcomes;
    }

    /**
     * Checks every stage before anything is written anywhere (settings, the verification gate),
     * one after the other on the caller's thread.
     *
     * @return what {@code check} returned per stage name (values may be null)
     * @throws CrossdeployException naming every stage refused; then no stage may be written to
     */
    public <T> Map<String, T> prepare(List<Stage> stages, BiFunction<Stage, Reporter, T> check) {
        Map<String, T> prepared = new HashMap<>();
        if (stages.size() == 1) {
            prepared.put(stages.get(0).name(), check.apply(stages.get(0), log));
            return prepared;
        }
        List<String> refused = new ArrayList<>();
        for (Stage stage : stages) {
            Reporter reporter = new StageReporter(log, stage.name());
            try {
                prepared.put(stage.name(), check.apply(stage, reporter));
            } catch (CrossdeployException e) {
                reporter.error(e.getMessage());
                refused.add(stage.name());
            }
        }
        if (!refused.isEmpty()) {
            // This run ends before its summary: the earlier goal's results it would have carried get their own.
            if (earlier != null) summary(earlier.outcomes()).forEach(log::info);
            throw new CrossdeployException("Refused in " + refused.size() + " of " + stages.size() + " stages: "
                    + String.join(", ", refused) + "; nothing was written to any account. See the lines starting with ["
                    + String.join("], [", refused) + "] above, fix the cause or leave those stages out of -Dstage.");
        }
        return prepared;
    }

    private List<StageOutcome> runAll(List<Stage> stages, StageTask task) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, stages.size()), r -> {
            Thread t = new Thread(r, "crossdeploy-stage-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<StageOutcome>> futures = new ArrayList<>();
            for (Stage stage : stages) futures.add(pool.submit(() -> runOne(stage, task)));
            List<StageOutcome> outcomes = new ArrayList<>();
            for (Future<StageOutcome> f : futures) outcomes.add(await(f));
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private StageOutcome runOne(Stage stage, StageTask task) {
        Reporter reporter = new StageReporter(log, stage.name());
        long start = nanoTime.getAsLong();
        try {
            int changes = task.run(stage, reporter);
            return new StageOutcome(stage, Duration.ofNanos(nanoTime.getAsLong() - start), changes, null);
        } catch (RuntimeException e) {
            String why = e instanceof CrossdeployException ? e.getMessage()
                    : AwsErrors.explainAny(e).orElse("failed unexpectedly: " + e);
            reporter.error(why);
            return new StageOutcome(stage, Duration.ofNanos(nanoTime.getAsLong() - start), 0, why);
        }
    }

    private static StageOutcome await(Future<StageOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrossdeployException("Interrupted while the stages were deploying; rerun the build.", e);
        } catch (ExecutionException e) {
            // runOne catches every RuntimeException: what remains is an Error, which must not be hidden.
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The summary: one row per stage, in the order the stages were given. */
    static List<String> summary(List<StageOutcome> outcomes) {
        return summary(outcomes, "Changes", null);
    }

    /**
     * The summary with {@code counted} over the task's count and, when there is an earlier goal,
     * its column after the account and its time in each stage's duration.
     */
    static List<String> summary(List<StageOutcome> outcomes, String counted, EarlierGoal earlier) {
        Table table = earlier == null ? Table.withHeaders("Stage", "Account", "Result", "Duration", counted)
                : Table.withHeaders("Stage", "Account", earlier.heading(), "Result", "Duration", counted);
        for (StageOutcome o : outcomes) {
            String name = o.stage().name();
            List<String> row = new ArrayList<>(List.of(name, o.stage().accountId() + " (" + o.stage().region() + ")"));
            if (earlier != null) row.add(earlier.cell(name));
            row.add(o.succeeded() ? "OK" : "FAILED");
            row.add(seconds(earlier == null ? o.duration() : o.duration().plus(earlier.duration(name))));
            row.add(o.succeeded() ? Integer.toString(o.changes()) : "-");
            table.row(row.toArray(String[]::new));
        }
        return table.lines();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
