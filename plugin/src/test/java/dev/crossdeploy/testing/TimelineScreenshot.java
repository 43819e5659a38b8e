package dev.crossdeploy.testing;

import dev.crossdeploy.report.html.Timeline;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees of a deployment report in a browser: the timeline's plot in a screenshot, its colours, the page's text. */
public final class TimelineScreenshot {
    private TimelineScreenshot() {}

    /**
     * The timeline's plot: the bounding box of the long horizontal runs of its background colour
     * (anti-aliased text elsewhere may hit that colour in a pixel or two, never in a run).
     */
    public static Rectangle plotArea(BufferedImage shot) {
        final int RUN = 40; // shorter than the space between two grid lines (at most eight ticks over the plot)
        int background = rgb(Timeline.PLOT_BACKGROUND);
        Rectangle box = null;
        for (int y = 0; y < shot.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < shot.getWidth(); x++) {
                run = (shot.getRGB(x, y) & 0xffffff) == background ? run + 1 : 0;
                if (run == RUN) {
                    Rectangle part = new Rectangle(x - RUN + 1, y, RUN, 1);
                    box = box == null ? part : box.union(part);
                } else if (run > RUN) {
                    box.add(x + 1, y + 1);
                }
            }
        }
        assertThat(box).as("the timeline's plot (background " + Timeline.PLOT_BACKGROUND + ") in the screenshot").isNotNull();
        return box;
    }

    public static int pixels(BufferedImage shot, Rectangle area, String colour) {
        int wanted = rgb(colour);
        int count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                if (close(shot.getRGB(x, y), wanted)) count++;
            }
        }
        return count;
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    /** Within 3 per channel: rendering may round a colour by a step or two. */
    private static boolean close(int argb, int rgb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((argb >> shift) & 0xff) - ((rgb >> shift) & 0xff)) > 3) return false;
        }
        return true;
    }

    /** Chromium serializes text with &amp; &lt; &gt; (and quotes) escaped; compare with the text as printed. */
    public static String unescape(String dom) {
        return dom.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
