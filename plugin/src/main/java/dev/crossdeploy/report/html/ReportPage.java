package dev.crossdeploy.report.html;

import dev.crossdeploy.report.ChangeSetTable;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders the deployment report: one self-contained HTML page (inline CSS and SVG, no scripts,
 * nothing fetched) with the failures' root causes first, a summary when several stages ran,
 * then per stage its facts, change set, timeline and events. Every value is escaped.
 */
public final class ReportPage {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#222;max-width:1100px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{font-size:15px;margin:18px 0 6px}.written{color:#666;font-size:12px;margin-bottom:16px}
            .root-cause{border:2px solid #b71c1c;background:#fdecea;padding:12px 16px;margin:12px 0;border-radius:4px}
            .root-cause strong{display:block;color:#b71c1c;margin-bottom:4px}.root-cause code{white-space:pre-wrap;word-break:break-word}
            .no-changes{border:1px solid #90a4ae;background:#eceff1;padding:10px 16px;border-radius:4px}
            table{border-collapse:collapse;font-size:13px;margin:4px 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f0f0f0}table.facts th{width:140px}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
            .ok{color:#1b5e20;font-weight:bold}.failed{color:#b71c1c;font-weight:bold}
            .legend span{display:inline-block;margin-right:16px;font-size:12px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border:1px solid #0003}
            details{margin-top:8px;font-size:13px}""";

    private ReportPage() {}

    /** @param title what the run deployed: a stage's name, a group's, or the stages joined */
    public static String render(String title, List<StageReport> stages, Instant written) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>crossdeploy report: ")
                .append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("\n</style></head><body>\n");
        h.append("<h1>Deployment report: ").append(Html.escape(title)).append("</h1>\n<div class=\"written\">Written ")
                .append(TIME.format(written)).append(" by crossdeploy deploy-stack</div>\n");
        for (StageReport s : stages) {
            if (s.succeeded()) continue;
            h.append("<div class=\"root-cause\" id=\"root-cause-").append(Html.escape(s.stage())).append("\"><strong>Stage ")
                    .append(Html.escape(s.stage())).append(" failed. Root cause:</strong><code>").append(Html.escape(s.rootCause()))
                    .append("</code></div>\n");
        }
        if (stages.size() > 1) summary(h, stages);
        for (StageReport s : stages) section(h, s);
        return h.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder h, List<StageReport> stages) {
        h.append("<h2>Summary</h2>\n<table class=\"summary\"><tr><th>Stage</th><th>Account</th><th>Result</th><th>Duration</th><th>Changes</th></tr>\n");
        for (StageReport s : stages) {
            h.append("<tr><td><a href=\"#stage-").append(Html.escape(s.stage())).append("\">").append(Html.escape(s.stage())).append("</a></td><td>")
                    .append(Html.escape(s.account() + " (" + s.region() + ")")).append("</td>");
            result(h, s);
            h.append("<td>").append(seconds(s.duration())).append("</td><td>")
                    .append(s.succeeded() ? Integer.toString(s.changed() ? s.changes().size() : 0) : "-").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void section(StringBuilder h, StageReport s) {
        h.append("<section id=\"stage-").append(Html.escape(s.stage())).append("\">\n<h2>Stage ").append(Html.escape(s.stage())).append("</h2>\n");
        h.append("<table class=\"facts\">\n");
        fact(h, "Stage", s.stage());
        fact(h, "Account", s.account());
        fact(h, "Region", s.region());
        fact(h, "Stack", s.stackName());
        h.append("<tr><th>Result</th>");
        result(h, s);
        h.append("</tr>\n");
        fact(h, "Duration", seconds(s.duration()));
        fact(h, "Artifact SHA-256", s.artifactSha256() == null ? "none" : s.artifactSha256());
        fact(h, "Artifact key", s.artifact() == null ? "none" : s.artifact());
        h.append("</table>\n");
        if (s.noChanges()) {
            h.append("<p class=\"no-changes\">No changes: the stack already matched the template and parameters; nothing was deployed.</p>\n");
        } else if (!s.changes().isEmpty()) {
            changes(h, s.changes());
        }
        Timeline timeline = new Timeline(s.events(), s.stackName());
        if (!timeline.isEmpty()) {
            h.append("<h3>Timeline</h3>\n").append(legend(Outcome.values())).append(timeline.svg());
            events(h, s);
        }
        h.append("</section>\n");
    }

    private static void changes(StringBuilder h, List<ChangeSetTable.Change> rows) {
        h.append("<h3>Change set</h3>\n<table class=\"changes\"><tr><th>Action</th><th>Logical ID</th><th>Type</th><th>Replacement</th><th>Why</th></tr>\n");
        for (ChangeSetTable.Change c : rows) {
            h.append("<tr>");
            for (String v : new String[] {c.action(), c.logicalId(), c.type(), c.replacement(), c.why()}) {
                h.append("<td>").append(Html.escape(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void events(StringBuilder h, StageReport s) {
        h.append("<details><summary>Stack events (").append(s.events().size()).append(")</summary>\n<table class=\"events\">")
                .append("<tr><th>Time</th><th>Logical ID</th><th>Type</th><th>Status</th><th>Reason</th></tr>\n");
        for (ResourceEvent e : s.events()) {
            h.append("<tr><td>").append(e.time() == null ? "" : TIME.format(e.time())).append("</td><td>").append(Html.escape(e.logicalId()))
                    .append("</td><td>").append(Html.escape(e.type())).append("</td><td>").append(Html.escape(e.status()))
                    .append("</td><td>").append(Html.escape(e.reason())).append("</td></tr>\n");
        }
        h.append("</table></details>\n");
    }

    /** The colours of {@code outcomes}, each with what it means. */
    static String legend(Outcome... outcomes) {
        StringBuilder l = new StringBuilder("<div class=\"legend\">");
        for (Outcome o : outcomes) {
            l.append("<span><i style=\"background:").append(o.colour()).append("\"></i>").append(o.label()).append("</span>");
        }
        return l.append("</div>\n").toString();
    }

    static void fact(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(name).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static void result(StringBuilder h, StageReport s) {
        h.append("<td class=\"").append(s.succeeded() ? "ok" : "failed").append("\">").append(Html.escape(s.result())).append("</td>");
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
