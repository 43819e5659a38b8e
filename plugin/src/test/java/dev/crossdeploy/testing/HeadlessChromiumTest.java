package dev.crossdeploy.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void aMachineWithoutChromiumFailsTheBrowserTestSayingHowToInstallIt() {
        assertThatThrownBy(() -> HeadlessChromium.require(dir, List.of(dir.resolve("chromium"))))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Chromium is missing: the deployment report's browser test opens the page in headless Chromium."
                        + " Install it with `apt-get install chromium` (Debian), as .ci/run does.");
    }
}
