package dev.crossdeploy.localcloud.logs;

/** One line in a log stream: when it happened, when the cloud took it in, and the text. */
public record LogEvent(long timestamp, long ingestionTime, String message) {}
