package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.CloudClock;
import dev.crossdeploy.localcloud.logs.LogEvent;
import dev.crossdeploy.localcloud.logs.LogStore;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A build's log: every line goes to the build (for the Java entry point) and, when the project
 * sends logs to CloudWatch Logs, to its group and stream. CodeBuild's own lines carry its
 * {@code [Container] yyyy/MM/dd HH:mm:ss.SSSSSS} prefix. Any secret of the build (its
 * credentials, its authorization token) is masked before a line is kept anywhere.
 */
final class BuildLog {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    static final String MASK = "***";

    private final Build build;
    private final LogStore store;
    private final CloudClock clock;
    private final Supplier<List<String>> secrets;

    BuildLog(Build build, LogStore store, CloudClock clock, Supplier<List<String>> secrets) {
        this.build = build;
        this.store = store;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** One of CodeBuild's own lines. */
    void container(String text) { line("[Container] " + STAMP.format(clock.instant()) + " " + text); }

    /** One line of a command's output. */
    void line(String text) {
        String safe = text;
        for (String secret : secrets.get()) {
            if (secret != null && !secret.isEmpty() && safe.contains(secret)) safe = safe.replace(secret, MASK);
        }
        build.log(safe);
        if (store != null) {
            long now = clock.millis();
            store.append(build.accountId(), build.region(), build.logGroupName(), build.logStreamName(),
                    List.of(new LogEvent(now, now, safe)));
        }
    }
}
