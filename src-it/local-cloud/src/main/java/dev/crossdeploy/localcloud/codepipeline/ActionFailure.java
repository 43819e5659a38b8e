package dev.crossdeploy.localcloud.codepipeline;

/** Why an action failed, as its execution's summary shows it. */
final class ActionFailure extends Exception {
    ActionFailure(String summary) { super(summary, null, false, false); }
}
