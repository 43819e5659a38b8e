package dev.crossdeploy.report.html;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the page of a stack set rollout in the deployment report's style (same CSS, timeline
 * and escaping as {@link ReportPage}): each failed account's reason first, the stack set's facts,
 * a row per account with failed ones first, and a timeline with one bar per stack instance.
 */
public final class RolloutPage {
    private RolloutPage() {}

    public static String render(RolloutReport r, Instant written) {
        StringBuilder h = new StringBuilder(8192);
        String title = r.group() + " (stack set " + r.stackSetName() + ")";
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>crossdeploy report: ")
                .append(Html.escape(title)).append("</title>\n<style>\n").append(ReportPage.CSS).append("\n</style></head><body>\n");
        h.append("<h1>Deployment report: ").append(Html.escape(title)).append("</h1>\n<div class=\"written\">Written ")
                .append(ReportPage.TIME.format(written)).append(" by crossdeploy deploy-stack-set</div>\n");
        for (InstanceRow i : r.failed()) {
            h.append("<div class=\"root-cause\" id=\"root-cause-").append(Html.escape(i.stage())).append("\"><strong>Stage ")
                    .append(Html.escape(i.stage() + " (" + i.account() + ", " + i.region() + ")"))
                    .append(" failed. Reason:</strong><code>").append(Html.escape(i.reason())).append("</code></div>\n");
        }
        if (r.failed().isEmpty() && !r.succeeded()) {
            h.append("<div class=\"root-cause\" id=\"root-cause\"><strong>The rollout failed:</strong><code>")
                    .append(Html.escape(r.failure())).append("</code></div>\n");
        }
        facts(h, r);
        accounts(h, r.rows());
        Timeline timeline = Timeline.of(r.bars(), "Timeline of stack instances");
        if (!timeline.isEmpty()) {
            h.append("<h3>Timeline</h3>\n").append(ReportPage.legend(Outcome.COMPLETE, Outcome.FAILED, Outcome.ROLLED_BACK))
                    .append(timeline.svg());
        }
        return h.append("</body></html>\n").toString();
    }

    private static void facts(StringBuilder h, RolloutReport r) {
        h.append("<h2>Stack set</h2>\n<table class=\"facts\">\n");
        ReportPage.fact(h, "Stack set", r.stackSetName());
        ReportPage.fact(h, "Group", r.group());
        h.append("<tr><th>Result</th><td class=\"").append(r.succeeded() ? "ok\">SUCCEEDED" : "failed\">FAILED").append("</td></tr>\n");
        if (!r.succeeded()) ReportPage.fact(h, "Failure", r.failure());
        ReportPage.fact(h, "Operations", r.operations().isEmpty() ? "none"
                : r.operations().stream().map(o -> o.action() + " " + o.id() + " " + o.status()).collect(Collectors.joining("; ")));
        ReportPage.fact(h, "Preferences", r.preferences());
        ReportPage.fact(h, "Duration", ReportPage.seconds(r.duration()));
        ReportPage.fact(h, "Artifact SHA-256", r.artifactSha256() == null ? "none" : r.artifactSha256());
        ReportPage.fact(h, "Artifact key", r.artifactKey() == null ? "none" : r.artifactKey());
        h.append("</table>\n");
    }

    private static void accounts(StringBuilder h, List<InstanceRow> rows) {
        h.append("<h2>Accounts</h2>\n<table class=\"instances\"><tr><th>Stage</th><th>Account</th><th>Region</th><th>Status</th>")
                .append("<th>Reason</th><th>Duration</th></tr>\n");
        for (InstanceRow i : rows) {
            h.append("<tr id=\"instance-").append(Html.escape(i.stage())).append("\"><td>").append(Html.escape(i.stage()))
                    .append("</td><td>").append(Html.escape(i.account())).append("</td><td>").append(Html.escape(i.region()))
                    .append("</td><td class=\"").append(i.succeeded() ? "ok" : "failed").append("\">").append(Html.escape(i.status()))
                    .append("</td><td>").append(Html.escape(i.reason())).append("</td><td>")
                    .append(i.start() == null ? "-" : Timeline.duration(i.duration())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
