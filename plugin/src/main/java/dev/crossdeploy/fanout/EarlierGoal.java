package dev.crossdeploy.fanout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An earlier goal's results in the same build (upload-to-account before deploy-stack), shown
 * as one column of the later goal's summary so the run ends with one table.
 *
 * @param heading   the column's heading
 * @param cells     the column's value per stage name
 * @param durations the earlier goal's time per stage name, added to the later goal's
 * @param outcomes  the earlier goal's own outcomes, for its own summary when the later goal refuses to start
 */
public record EarlierGoal(String heading, Map<String, String> cells, Map<String, Duration> durations,
                          List<StageOutcome> outcomes) {
    public EarlierGoal {
        cells = Map.copyOf(cells);
        durations = Map.copyOf(durations);
        outcomes = List.copyOf(outcomes);
    }

    /**
     * upload-to-account's outcomes, whose task counts 1 for an artifact it put and 0 for one already
     * there: the column "Artifact" says "uploaded" or "present".
     */
    public static EarlierGoal uploads(List<StageOutcome> outcomes) {
        Map<String, String> cells = new HashMap<>();
        Map<String, Duration> durations = new HashMap<>();
        for (StageOutcome o : outcomes) {
            cells.put(o.stage().name(), o.changes() > 0 ? "uploaded" : "present");
            durations.put(o.stage().name(), o.duration());
        }
        return new EarlierGoal("Artifact", cells, durations, outcomes);
    }

    String cell(String stage) { return cells.getOrDefault(stage, "-"); }

    Duration duration(String stage) { return durations.getOrDefault(stage, Duration.ZERO); }
}
