package dev.crossdeploy.fanout;

import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;

/** One stage's share of a fan-out: the same work for every stage, reported through that stage's reporter. */
@FunctionalInterface
public interface StageTask {
    /**
     * @param reporter where this stage's lines go (prefixed with the stage when several run)
     * @return how many changes the work made in the stage's account (0 when there was nothing to do)
     */
    int run(Stage stage, Reporter reporter);
}
