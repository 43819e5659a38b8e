package dev.crossdeploy.report.html;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Gantt-style picture of an operation: one bar per resource (or, for a stack set rollout, per
 * stack instance) on a shared time axis, coloured by {@link Outcome}, labelled with its name, a
 * detail line and its duration. Plain SVG: a browser draws it without scripts.
 */
public final class Timeline {
    static final int WIDTH = 1000;
    /** Left edge of the plot; the labels live left of it. */
    static final int PLOT_X = 380;
    static final int PLOT_WIDTH = 520;
    static final int ROW = 34;
    static final int BAR_HEIGHT = 18;
    static final int TOP = 8;
    static final int MIN_BAR = 3;
    /** The plot's background: only the plot has it, so a screenshot can find the plot. */
    public static final String PLOT_BACKGROUND = "#f4f6fa";
    private static final long[] STEPS_MILLIS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000,
            30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000};

    private final List<Bar> bars;
    private final Instant origin;
    private final long spanMillis;
    private final String description;

    /** @param events the operation's events, oldest first; the stack's own events set the time span */
    public Timeline(List<ResourceEvent> events, String stackName) {
        this(Bars.of(events, stackName), events.stream().map(ResourceEvent::time).toList(), "Timeline of resource events");
    }

    /**
     * A timeline of ready-made bars spanning from the first bar's start to the last one's end.
     *
     * @param description what the picture shows, for screen readers
     */
    public static Timeline of(List<Bar> bars, String description) {
        List<Instant> times = new java.util.ArrayList<>();
        bars.forEach(b -> { times.add(b.start()); times.add(b.end()); });
        return new Timeline(bars.stream().sorted((a, b) -> a.start().compareTo(b.start())).toList(), times, description);
    }

    private Timeline(List<Bar> bars, List<Instant> times, String description) {
        this.bars = bars;
        this.description = description;
        Instant first = null;
        Instant last = null;
        for (Instant t : times) {
            if (t == null) continue;
            if (first == null || t.isBefore(first)) first = t;
            if (last == null || t.isAfter(last)) last = t;
        }
        this.origin = first == null ? Instant.EPOCH : first;
        this.spanMillis = first == null ? 1 : Math.max(1, Duration.between(first, last).toMillis());
    }

    public List<Bar> bars() { return bars; }

    public boolean isEmpty() { return bars.isEmpty(); }

    /** Where {@code t} lies on the axis, in SVG units. */
    double x(Instant t) {
        return PLOT_X + (double) Duration.between(origin, t).toMillis() / spanMillis * PLOT_WIDTH;
    }

    /** The bar's left edge and width; never narrower than {@link #MIN_BAR}, so an instant change stays visible. */
    double[] span(Bar bar) {
        double left = x(bar.start());
        double width = Math.max(MIN_BAR, x(bar.end()) - left);
        return new double[] {Math.min(left, PLOT_X + PLOT_WIDTH - MIN_BAR), width};
    }

    /** The axis step: the smallest round step that needs at most eight ticks. */
    long stepMillis() {
        for (long step : STEPS_MILLIS) if (spanMillis / step <= 8) return step;
        return STEPS_MILLIS[STEPS_MILLIS.length - 1];
    }

    public String svg() {
        int plotHeight = bars.size() * ROW + TOP;
        int height = plotHeight + 30;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(description)).append("\">\n");
        s.append("<rect x=\"").append(PLOT_X).append("\" y=\"0\" width=\"").append(PLOT_WIDTH).append("\" height=\"").append(plotHeight)
                .append("\" fill=\"").append(PLOT_BACKGROUND).append("\"/>\n");
        axis(s, plotHeight);
        for (int i = 0; i < bars.size(); i++) bar(s, bars.get(i), TOP + i * ROW);
        return s.append("</svg>\n").toString();
    }

    private void axis(StringBuilder s, int plotHeight) {
        long step = stepMillis();
        for (long t = 0; t <= spanMillis; t += step) {
            double x = PLOT_X + (double) t / spanMillis * PLOT_WIDTH;
            s.append("<line x1=\"").append(num(x)).append("\" y1=\"0\" x2=\"").append(num(x)).append("\" y2=\"").append(plotHeight + 4)
                    .append("\" stroke=\"#d0d7e0\" stroke-width=\"1\"/>\n");
            s.append("<text x=\"").append(num(x)).append("\" y=\"").append(plotHeight + 18)
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">").append(Html.escape(tick(t, step))).append("</text>\n");
        }
    }

    private void bar(StringBuilder s, Bar bar, int y) {
        double[] span = span(bar);
        String duration = duration(bar.duration());
        s.append("<g class=\"bar outcome-").append(bar.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\">");
        s.append("<title>").append(Html.escape(bar.logicalId() + " (" + bar.type() + ") " + bar.outcome().label() + ", " + duration)).append("</title>");
        s.append("<text x=\"4\" y=\"").append(y + 11).append("\" font-size=\"12\" font-weight=\"bold\" fill=\"#222\">")
                .append(Html.escape(clip(bar.logicalId(), 48))).append("</text>");
        s.append("<text x=\"4\" y=\"").append(y + 25).append("\" font-size=\"11\" fill=\"#666\">")
                .append(Html.escape(clip(bar.type(), 56))).append("</text>");
        s.append("<rect x=\"").append(num(span[0])).append("\" y=\"").append(y + (ROW - 8 - BAR_HEIGHT) / 2).append("\" width=\"").append(num(span[1]))
                .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(bar.outcome().colour()).append("\"/>");
        s.append("<text x=\"").append(num(span[0] + span[1] + 5)).append("\" y=\"").append(y + 17)
                .append("\" font-size=\"11\" fill=\"#333\">").append(Html.escape(duration)).append("</text>");
        s.append("</g>\n");
    }

    /** A tick's label: milliseconds as seconds with the decimals the step needs, minutes once a step is a minute. */
    static String tick(long millis, long step) {
        if (step >= 60_000) return (millis / 60_000) + "m" + (millis % 60_000 == 0 ? "" : String.format(Locale.ROOT, "%02ds", millis % 60_000 / 1000));
        if (step >= 1000) return (millis / 1000) + "s";
        int decimals = step >= 100 ? 1 : step >= 10 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "fs", millis / 1000.0);
    }

    /** A bar's duration: 0.35s below ten seconds, then whole seconds, then minutes. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) return String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
        if (ms < 60_000) return (ms / 1000) + "s";
        return (ms / 60_000) + "m" + String.format(Locale.ROOT, "%02ds", ms % 60_000 / 1000);
    }

    private static String clip(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
