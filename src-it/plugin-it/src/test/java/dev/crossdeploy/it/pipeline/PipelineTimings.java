package dev.crossdeploy.it.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark of one pipeline run, from what a user can ask CodePipeline and CodeBuild: the
 * wall time from {@code git push} to prod deployed, each action's time (ListActionExecutions'
 * start and last update), each CodeBuild build's own time (BatchGetBuilds) and the pipeline's
 * overhead, the total less the builds. CentralPipelineIT writes it for its first run to
 * {@code target/pipeline/benchmark.txt}.
 */
final class PipelineTimings {
    private PipelineTimings() {}

    /**
     * @param pushedAt when {@code git push} started
     * @param actions the run's {@code actionExecutionDetails}
     * @param builds the {@code builds} of BatchGetBuilds for the run's CodeBuild actions, by build id
     */
    static String report(Instant pushedAt, List<JsonNode> actions, Map<String, JsonNode> builds) {
        List<JsonNode> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparing(a -> time(a.path("startTime"))));
        Instant end = sorted.stream().map(a -> time(a.path("lastUpdateTime"))).max(Comparator.naturalOrder()).orElse(pushedAt);
        Duration total = Duration.between(pushedAt, end);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-34s %-10s %8s %8s %8s%n", "action", "status", "start", "action", "build"));
        Duration buildTotal = Duration.ZERO;
        Duration approval = Duration.ZERO;
        for (JsonNode a : sorted) {
            Instant start = time(a.path("startTime"));
            Duration took = Duration.between(start, time(a.path("lastUpdateTime")));
            String buildId = a.path("output").path("executionResult").path("externalExecutionId").asText();
            JsonNode build = builds.get(buildId);
            String buildTime = "";
            if (build != null) {
                Duration b = Duration.between(time(build.path("startTime")), time(build.path("endTime")));
                buildTotal = buildTotal.plus(b);
                buildTime = seconds(b);
            } else if (a.path("input").path("actionTypeId").path("category").asText().equals("Approval")) {
                approval = approval.plus(took);
            }
            out.append(String.format(Locale.ROOT, "%-34s %-10s %8s %8s %8s%n",
                    a.path("stageName").asText() + "/" + a.path("actionName").asText(), a.path("status").asText(),
                    "+" + seconds(Duration.between(pushedAt, start)), seconds(took), buildTime));
        }
        Duration overhead = total.minus(buildTotal);
        Duration withoutApproval = overhead.minus(approval);
        out.append(String.format(Locale.ROOT, "git push to prod deployed: %s%n", seconds(total)));
        out.append(String.format(Locale.ROOT, "CodeBuild builds (sum):    %s%n", seconds(buildTotal)));
        out.append(String.format(Locale.ROOT, "pipeline overhead:         %s (%.1f%% of the total)%n", seconds(overhead), percent(overhead, total)));
        out.append(String.format(Locale.ROOT, "  of which manual approval: %s; overhead without it: %s (%.1f%%)%n",
                seconds(approval), seconds(withoutApproval), percent(withoutApproval, total)));
        return out.toString();
    }

    /** The AWS CLI's ISO 8601 time, or epoch seconds when its timestamp format is the wire's. */
    static Instant time(JsonNode t) {
        if (t.isNumber()) return Instant.ofEpochMilli(Math.round(t.asDouble() * 1000));
        return OffsetDateTime.parse(t.asText()).toInstant();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static double percent(Duration part, Duration total) {
        return total.isZero() ? 0 : 100.0 * part.toMillis() / total.toMillis();
    }
}
