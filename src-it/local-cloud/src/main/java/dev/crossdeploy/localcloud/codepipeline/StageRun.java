package dev.crossdeploy.localcloud.codepipeline;

import java.util.ArrayList;
import java.util.List;

/** One stage of one execution: its status (InProgress, Succeeded, Failed, Stopped) and its action runs. */
final class StageRun {
    private final String name;
    private final List<ActionRun> actions = new ArrayList<>();
    private String status = "InProgress";

    StageRun(String name) { this.name = name; }

    String name() { return name; }
    synchronized String status() { return status; }
    synchronized void status(String s) { this.status = s; }
    synchronized List<ActionRun> actions() { return List.copyOf(actions); }
    synchronized void add(ActionRun run) { actions.add(run); }
}
