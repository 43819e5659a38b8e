package dev.crossdeploy.report.html;

import dev.crossdeploy.report.Reporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One deploy-stack-set run's report, written as one page for all the group's stages,
 * {@code <dir>/<group>-report.html}. Fed by the rollout from the polls it makes anyway (an
 * instance's bar runs from the poll that first saw it RUNNING, else its operation's start, to the
 * poll that first saw it ended), so the report costs no request of its own. Synchronized: the
 * thread writing the page sees what the rollout recorded.
 */
public final class StackSetReport {
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final Path file;
    private final String group;
    private final Clock clock;
    private String stackSetName = "";
    private String preferences = "";
    private String artifactSha256;
    private String artifactKey;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Op> operations = new LinkedHashMap<>();
    private String failure;
    private Instant started;
    private Instant ended;

    private static final class Instance {
        final String stage;
        final String account;
        final String region;
        String status;
        String reason;
        Instant start;
        Instant end;

        Instance(String stage, String account, String region) {
            this.stage = stage;
            this.account = account;
            this.region = region;
        }
    }

    private static final class Op {
        final String action;
        final Instant started;
        final List<String> keys;
        final Set<String> endedKeys = new HashSet<>();
        String status = "RUNNING";

        Op(String action, Instant started, List<String> keys) {
            this.action = action;
            this.started = started;
            this.keys = keys;
        }
    }

    /** @param clock stamps the page's "written" time */
    public StackSetReport(Path dir, String group, Clock clock) {
        this.file = dir == null ? null : dir.resolve(group.replaceAll("[^A-Za-z0-9._+-]", "_") + "-report.html");
        this.group = group;
        this.clock = clock;
    }

    /** A report nobody writes, for rollouts made without one. */
    public static StackSetReport unused() { return new StackSetReport(null, "", Clock.systemUTC()); }

    public Path file() { return file; }

    static String key(String account, String region) { return account + "/" + region; }

    public synchronized void started(Instant at) { this.started = at; }

    public synchronized void ended(Instant at) { this.ended = at; }

    /** One of the group's stages; called in group order. */
    public synchronized void stage(String stage, String account, String region) {
        instances.putIfAbsent(key(account, region), new Instance(stage, account, region));
    }

    /** @param preferences the operation preferences in words */
    public synchronized void stackSet(String name, String preferences) {
        this.stackSetName = name;
        this.preferences = preferences;
    }

    public synchronized void artifact(String key, String sha256) {
        this.artifactKey = key;
        this.artifactSha256 = sha256;
    }

    /** @param keys the operation's instances, as {@code account/region} */
    public synchronized void operationStarted(String id, String action, List<String> keys, Instant at) {
        operations.put(id, new Op(action, at, List.copyOf(keys)));
    }

    /** What one poll of ListStackSetOperationResults said of one instance. */
    public synchronized void instanceStatus(String operationId, String account, String region, String status, String reason,
                                            Instant at) {
        Instance i = instances.get(key(account, region));
        Op op = operations.get(operationId);
        if (i == null || op == null || status == null) return;
        if ("RUNNING".equals(status) && !op.endedKeys.contains(key(account, region))) {
            if (i.start == null || at.isBefore(i.start)) i.start = at;
        }
        if (ENDED.contains(status) && op.endedKeys.add(key(account, region))) {
            if (i.start == null) i.start = op.started;
            if (i.end == null || at.isAfter(i.end)) i.end = at;
        }
        i.status = status;
        i.reason = reason;
    }

    /** The operation ended: its instances not yet seen ended end now (CloudFormation cancelled them). */
    public synchronized void operationEnded(String id, String status, Instant at) {
        Op op = operations.get(id);
        if (op == null) return;
        op.status = status;
        for (String key : op.keys) {
            Instance i = instances.get(key);
            if (i == null || !op.endedKeys.add(key)) continue;
            if (i.start == null) i.start = op.started;
            if (i.end == null || at.isAfter(i.end)) i.end = at;
        }
    }

    /** How the instance ended in the rollout, as the summary table says. */
    public synchronized void outcome(String account, String region, String status, String reason) {
        Instance i = instances.get(key(account, region));
        if (i == null) return;
        i.status = status;
        i.reason = reason;
    }

    /** The rollout failed with {@code message} (a refusal, a timeout, or the accounts that failed). */
    public synchronized void failed(String message) {
        if (failure == null) failure = message == null || message.isBlank() ? "failed without a message" : message;
    }

    public synchronized RolloutReport report() {
        List<RolloutReport.Operation> ops = new ArrayList<>();
        operations.forEach((id, op) -> ops.add(new RolloutReport.Operation(id, op.action, op.status)));
        List<InstanceRow> rows = new ArrayList<>();
        instances.values().forEach(i -> rows.add(new InstanceRow(i.stage, i.account, i.region, i.status, i.reason, i.start, i.end)));
        Duration took = started == null || ended == null ? Duration.ZERO : Duration.between(started, ended);
        return new RolloutReport(group, stackSetName, ops, preferences, artifactSha256, artifactKey, rows, failure, took);
    }

    /**
     * Writes the page.
     *
     * @return the page, or empty when the rollout recorded no stage or it could not be written (then a warning says why)
     */
    public Optional<Path> write(Reporter reporter) {
        RolloutReport report = report();
        if (file == null || report.instances().isEmpty()) return Optional.empty();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, RolloutPage.render(report, clock.instant()));
            return Optional.of(file);
        } catch (IOException e) {
            reporter.warn("Could not write the deployment report " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
