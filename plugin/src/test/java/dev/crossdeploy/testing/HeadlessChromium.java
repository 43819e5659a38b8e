package dev.crossdeploy.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium, run headless on a local page: what a person would see (the DOM after
 * rendering, a screenshot). Each call is a fresh browser with its own profile directory.
 */
public final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /**
     * The machine's Chromium; fails (never skips) with how to install it when it is missing.
     *
     * @param work a directory for profiles and screenshots
     */
    public static HeadlessChromium require(Path work) {
        return require(work, List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")));
    }

    /** {@link #require(Path)} looking for the binary at {@code candidates}. */
    static HeadlessChromium require(Path work, List<Path> candidates) {
        for (Path p : candidates) {
            if (Files.isExecutable(p)) return new HeadlessChromium(p, work);
        }
        throw new AssertionError("Chromium is missing: the deployment report's browser test opens the page in headless Chromium."
                + " Install it with `apt-get install chromium` (Debian), as .ci/run does.");
    }

    /** The page's DOM as Chromium serializes it after loading it. */
    public String dumpDom(Path page) {
        return run(page, List.of("--dump-dom"), "dom");
    }

    /** A screenshot of the page's first {@code width} x {@code height} pixels, in sRGB. */
    public BufferedImage screenshot(Path page, int width, int height) {
        Path png = work.resolve("shot-" + System.nanoTime() + ".png");
        run(page, List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--force-color-profile=srgb", "--force-device-scale-factor=1"), "screenshot");
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) throw new AssertionError("Chromium wrote no readable screenshot to " + png);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String run(Path page, List<String> options, String what) {
        try {
            Path profile = Files.createTempDirectory(work, "chromium-profile");
            Path err = work.resolve(what + "-" + System.nanoTime() + ".stderr");
            Path out = work.resolve(what + "-" + System.nanoTime() + ".stdout");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--disable-gpu",
                    // Tests may run as root, where Chromium refuses to start sandboxed; the page is our own file.
                    "--no-sandbox", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile));
            command.addAll(options);
            command.add(page.toUri().toString());
            // Output into files: a full pipe cannot block Chromium, and the wait below stays bounded.
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Chromium did not finish the " + what + " of " + page + " within " + TIMEOUT_SECONDS + "s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("Chromium failed (exit " + process.exitValue() + ") on the " + what + " of " + page + ": "
                        + Files.readString(err));
            }
            return Files.readString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while Chromium ran", e);
        }
    }
}
